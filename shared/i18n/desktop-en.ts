// en strings for desktop (spread into en.ts).
export const desktopEn = {} as const;
