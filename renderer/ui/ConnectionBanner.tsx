import type { ConnectionState } from '../transport/renderer-transport';
import type { T } from './translator';

export function ConnectionBanner({ connection, t }: { connection: ConnectionState; t: T }) {
  if (connection !== 'disconnected') return null;
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      {t('conn.offline')}
    </div>
  );
}
