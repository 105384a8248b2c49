// th strings for setup (spread into th.ts).
export const setupTh = {} as const;
