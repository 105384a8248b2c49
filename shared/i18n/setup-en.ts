// en strings for setup (spread into en.ts).
export const setupEn = {} as const;
