// th strings for desktop (spread into th.ts).
export const desktopTh = {} as const;
