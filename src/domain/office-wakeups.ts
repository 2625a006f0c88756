/** Wake-ups for watchers of one office: a hint that something of it may have changed. */
export interface OfficeSubscription {
  /** Resolves at the next wake-up, after `timeoutMs`, or when `signal` aborts, whichever is first. */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  close(): void;
}

/** Where watchers subscribe to an office's wake-ups (LISTEN/NOTIFY in production: store/office-listener.ts). */
export interface OfficeWakeups {
  subscribe(officeId: string): OfficeSubscription;
}
