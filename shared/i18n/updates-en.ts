// en strings for updates (spread into en.ts).
export const updatesEn = {} as const;
