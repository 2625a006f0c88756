# The Mitosis-OSS server. Runs TypeScript sources directly on Node 24 (via tsx).
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production MI_DATA_DIR=/data PORT=8080
COPY package.json package-lock.json ./
COPY sdk/package.json sdk/
COPY cli/package.json cli/
RUN npm ci --no-audit --no-fund --loglevel=error
COPY tsconfig.json ./
COPY gen ./gen
COPY src ./src
COPY sdk ./sdk
COPY cli ./cli
VOLUME ["/data"]
EXPOSE 8080
# Readiness, not liveness: unhealthy while Postgres or object storage does not answer.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
