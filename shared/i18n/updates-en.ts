// en strings for updates: the quiet "update ready" strip on the till (spread into en.ts).
export const updatesEn = {
  'updates.ready': 'Update {version} is ready — it installs between sales.',
  'updates.install': 'Install now',
  'updates.installLabel': 'Install update {version} now: the till closes and opens again on the new version',
  'updates.installing': 'Installing update {version}… the till opens again in a moment.',
  'updates.saleInProgress': 'A sale is waiting for payment. Install the update once it is paid or cancelled.',
  'audit.action.updates.install': 'installed an app update',
} as const;

