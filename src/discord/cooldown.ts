// Per-user rate limit for questions: one question per `seconds`, measured on an injected clock.

/** A per-user rate limit on questions. */
export interface Cooldown {
  /** 0 when the user may go ahead (and starts their cooldown); otherwise whole seconds left to wait. */
  take(userId: string): number;
}

/** Entries older than the cooldown are forgotten, so memory stays bounded by recent askers. */
export function createCooldown(seconds: number, clock: () => number = Date.now, maxUsers = 10_000): Cooldown {
  const lastAsked = new Map<string, number>();
  const windowMs = seconds * 1000;
  return {
    take(userId: string): number {
      if (windowMs <= 0) return 0;
      const now = clock();
      const last = lastAsked.get(userId);
      if (last !== undefined && now - last < windowMs) return Math.max(1, Math.ceil((windowMs - (now - last)) / 1000));
      lastAsked.delete(userId);
      lastAsked.set(userId, now);
      if (lastAsked.size > maxUsers) {
        for (const [id, at] of lastAsked) {
          if (now - at < windowMs && lastAsked.size <= maxUsers) break;
          lastAsked.delete(id);
        }
      }
      return 0;
    },
  };
}
