// th strings for updates (spread into th.ts).
export const updatesTh = {} as const;
