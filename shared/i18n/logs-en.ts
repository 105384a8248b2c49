// English strings for the log file card in Settings (spread into en.ts; the Thai twin is logs-th.ts).
export const logsEn = {
  'logs.title': 'Log file',
  'logs.help': 'When IT or support asks for the log, open the folder and send them every chamra-pos file in it. Stripe keys, tokens, PINs and customers’ e-mail addresses are never written there.',
  'logs.folder': 'Folder',
  'logs.open': 'Open log folder',
  'logs.opening': 'Opening…',
  'logs.opened': 'Folder opened.',
  'logs.browser': 'In browser mode the log is what the terminal running the till prints; the desktop app keeps it in a file.',
  'logs.error.browser': 'The log folder opens only in the desktop app.',
  'logs.error.open': 'The folder could not be opened here. Open it yourself: the path is above.',
} as const;
