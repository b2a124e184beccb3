/**
 * Per-client rate limiting for the Node server: a token bucket per client key, in memory. A client may
 * make `perMinute` requests at once, then one every 60 / perMinute seconds. The Worker uses Cloudflare's
 * rate-limiting binding instead (src/adapters/worker.ts); both answer through the same RateDecision.
 */
export interface RateDecision {
  allowed: boolean;
  /** When refused: whole seconds until the next request would be allowed. */
  retryAfterSeconds: number;
}

/**
 * Buckets kept at most. Beyond, the full ones (idle clients) are forgotten, which changes nothing for them;
 * if every client is active, the longest-known are, so memory stays bounded whatever the traffic.
 */
const MAX_CLIENTS = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMillisecond: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMillisecond = perMinute / 60_000;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMillisecond);
    bucket.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= MAX_CLIENTS) this.forgetIdle(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMillisecond / 1000)) };
  }

  /** How many clients are remembered (for tests of the memory bound). */
  get clients(): number {
    return this.buckets.size;
  }

  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMillisecond >= this.perMinute) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < MAX_CLIENTS) break;
      this.buckets.delete(key);
    }
  }
}
