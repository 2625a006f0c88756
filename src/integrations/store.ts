import type pg from "pg";
import { dateOf, dateOrNull, inTransaction, Where } from "../store/sql.js";
import type {
  AgentRef,
  Enablement,
  IntegrationRequestRecord,
  IntegrationRequestStatusName,
  IntegrationStore,
  StoredSecret,
} from "./model.js";

const REQUEST_COLUMNS = `r.seq, r.id, r.integration_id, a.name as agent_name, r.reason, r.status, r.created_at, r.resolved_at, r.resolution_note`;

function requestOf(row: Record<string, unknown>): IntegrationRequestRecord {
  return {
    seq: Number(row.seq),
    id: String(row.id),
    integrationId: String(row.integration_id),
    agentName: String(row.agent_name),
    reason: String(row.reason),
    status: row.status as IntegrationRequestStatusName,
    createdAt: dateOf(row.created_at),
    resolvedAt: dateOrNull(row.resolved_at),
    resolutionNote: String(row.resolution_note),
  };
}

/**
 * Integrations in Postgres (hand-written SQL on the ORM's pool). Agents are read from the agents
 * feature's table: an integration is enabled for, and requested by, an agent that exists, and a
 * fired agent's rows stop counting.
 */
export class PgIntegrationStore implements IntegrationStore {
  constructor(private readonly pool: pg.Pool) {}

  async agent(officeId: string, name: string): Promise<AgentRef | undefined> {
    const res = await this.pool.query(`select id, name from agent where office_id = $1 and name = $2 and fired_at is null`, [
      officeId,
      name,
    ]);
    return res.rows[0];
  }

  async secrets(officeId: string, integrationId?: string): Promise<StoredSecret[]> {
    const res = await this.pool.query(
      `select integration_id, sealed_fields, configured_at, configured_by from integration_secret
       where office_id = $1 and ($2::text is null or integration_id = $2)`,
      [officeId, integrationId ?? null],
    );
    return res.rows.map((row) => ({
      integrationId: row.integration_id,
      sealedFields: row.sealed_fields,
      configuredAt: dateOf(row.configured_at),
      configuredBy: row.configured_by,
    }));
  }

  setSecret(officeId: string, s: StoredSecret, actor: string): Promise<string[]> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `insert into integration_secret (office_id, integration_id, sealed_fields, configured_at, configured_by) values ($1, $2, $3, $4, $5)
         on conflict (office_id, integration_id) do update set sealed_fields = excluded.sealed_fields,
           configured_at = excluded.configured_at, configured_by = excluded.configured_by`,
        [officeId, s.integrationId, JSON.stringify(s.sealedFields), s.configuredAt, s.configuredBy],
      );
      // Every pending request for it is fulfilled: its (live) agent gets the integration enabled.
      const fulfilled = await client.query(
        `update integration_request r set status = 'fulfilled', resolved_at = $3
         from agent a where a.id = r.agent_id and a.fired_at is null
           and r.office_id = $1 and r.integration_id = $2 and r.status = 'pending'
         returning r.agent_id, a.name`,
        [officeId, s.integrationId, s.configuredAt],
      );
      const agents = new Map<string, string>(fulfilled.rows.map((row) => [row.agent_id, row.name]));
      if (agents.size > 0) {
        await client.query(
          `insert into agent_integration (office_id, agent_id, integration_id, enabled_at, enabled_by)
           select $1, unnest($2::uuid[]), $3, $4, $5 on conflict do nothing`,
          [officeId, [...agents.keys()], s.integrationId, s.configuredAt, actor],
        );
      }
      return [...agents.values()].sort();
    });
  }

  async deleteSecret(officeId: string, integrationId: string): Promise<boolean> {
    const res = await this.pool.query(`delete from integration_secret where office_id = $1 and integration_id = $2`, [
      officeId,
      integrationId,
    ]);
    return (res.rowCount ?? 0) > 0;
  }

  async enablements(officeId: string, filter: { integrationId?: string; agentId?: string } = {}): Promise<Enablement[]> {
    const res = await this.pool.query(
      `select e.integration_id, a.name, e.enabled_at from agent_integration e join agent a on a.id = e.agent_id
       where e.office_id = $1 and a.fired_at is null and ($2::text is null or e.integration_id = $2) and ($3::uuid is null or e.agent_id = $3)
       order by a.name collate "C", e.integration_id`,
      [officeId, filter.integrationId ?? null, filter.agentId ?? null],
    );
    return res.rows.map((row) => ({ integrationId: row.integration_id, agentName: row.name, enabledAt: dateOf(row.enabled_at) }));
  }

  async toggle(officeId: string, agentId: string, integrationId: string, enabled: boolean, at: Date, actor: string): Promise<void> {
    if (enabled) {
      await this.pool.query(
        `insert into agent_integration (office_id, agent_id, integration_id, enabled_at, enabled_by) values ($1, $2, $3, $4, $5)
         on conflict do nothing`,
        [officeId, agentId, integrationId, at, actor],
      );
    } else {
      await this.pool.query(`delete from agent_integration where office_id = $1 and agent_id = $2 and integration_id = $3`, [
        officeId,
        agentId,
        integrationId,
      ]);
    }
  }

  async pendingCounts(officeId: string): Promise<Map<string, number>> {
    const res = await this.pool.query(
      `select r.integration_id, count(*)::int as n from integration_request r join agent a on a.id = r.agent_id
       where r.office_id = $1 and r.status = 'pending' and a.fired_at is null group by r.integration_id`,
      [officeId],
    );
    return new Map(res.rows.map((row) => [row.integration_id, row.n]));
  }

  createRequest(officeId: string, agent: AgentRef, r: IntegrationRequestRecord, actor: string): Promise<IntegrationRequestRecord> {
    return inTransaction(this.pool, async (client) => {
      const res = await client.query(
        `insert into integration_request (id, office_id, agent_id, integration_id, reason, status, created_at, resolved_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (agent_id, integration_id) where status = 'pending' do nothing returning seq`,
        [r.id, officeId, agent.id, r.integrationId, r.reason, r.status, r.createdAt, r.resolvedAt],
      );
      if (res.rows.length === 0) {
        // The agent asked before and still waits: that request stands.
        const waiting = await client.query(
          `select ${REQUEST_COLUMNS} from integration_request r join agent a on a.id = r.agent_id
           where r.agent_id = $1 and r.integration_id = $2 and r.status = 'pending'`,
          [agent.id, r.integrationId],
        );
        return requestOf(waiting.rows[0]);
      }
      if (r.status === "fulfilled") {
        await client.query(
          `insert into agent_integration (office_id, agent_id, integration_id, enabled_at, enabled_by) values ($1, $2, $3, $4, $5)
           on conflict do nothing`,
          [officeId, agent.id, r.integrationId, r.createdAt, actor],
        );
      }
      return { ...r, seq: Number(res.rows[0].seq) };
    });
  }

  async listRequests(
    officeId: string,
    status: IntegrationRequestStatusName | undefined,
    limit: number,
    beforeSeq?: number,
  ): Promise<IntegrationRequestRecord[]> {
    const where = new Where("r.office_id = ?", officeId);
    if (status) where.add("r.status = ?", status);
    if (beforeSeq !== undefined) where.add("r.seq < ?", beforeSeq);
    const res = await this.pool.query(
      `select ${REQUEST_COLUMNS} from integration_request r join agent a on a.id = r.agent_id
       where ${where} order by r.seq desc limit ${where.param(limit)}`,
      where.params,
    );
    return res.rows.map(requestOf);
  }

  async request(officeId: string, id: string): Promise<IntegrationRequestRecord | undefined> {
    const res = await this.pool.query(
      `select ${REQUEST_COLUMNS} from integration_request r join agent a on a.id = r.agent_id where r.office_id = $1 and r.id = $2`,
      [officeId, id],
    );
    return res.rows[0] ? requestOf(res.rows[0]) : undefined;
  }

  async rejectRequest(officeId: string, id: string, note: string, at: Date): Promise<IntegrationRequestRecord | undefined> {
    const res = await this.pool.query(
      `with rejected as (
         update integration_request set status = 'rejected', resolved_at = $4, resolution_note = $3
         where office_id = $1 and id = $2 and status = 'pending' returning *
       )
       select ${REQUEST_COLUMNS} from rejected r join agent a on a.id = r.agent_id`,
      [officeId, id, note, at],
    );
    return res.rows[0] ? requestOf(res.rows[0]) : undefined;
  }
}
