import type { CustomerScreenStatus } from '../../shared/sale-status';

/** Big round status icons: ✓ paid, ✕ failed, clock expired, ⊘ canceled. */
export function StatusIcon({ status, className }: { status: CustomerScreenStatus; className?: string }) {
  const cls = `status-icon status-icon--${status}${className ? ` ${className}` : ''}`;
  switch (status) {
    case 'succeeded':
      return (
        <svg className={cls} viewBox="0 0 96 96" aria-hidden="true">
          <circle cx="48" cy="48" r="46" />
          <path d="M27 50l14 14 29-31" fill="none" strokeWidth="9" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'failed':
      return (
        <svg className={cls} viewBox="0 0 96 96" aria-hidden="true">
          <circle cx="48" cy="48" r="46" />
          <path d="M32 32l32 32M64 32L32 64" fill="none" strokeWidth="9" strokeLinecap="round" />
        </svg>
      );
    case 'expired':
      return (
        <svg className={cls} viewBox="0 0 96 96" aria-hidden="true">
          <circle cx="48" cy="48" r="46" />
          <circle cx="48" cy="50" r="24" fill="none" strokeWidth="7" />
          <path d="M48 36v15l9 7" fill="none" strokeWidth="7" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'canceled':
      return (
        <svg className={cls} viewBox="0 0 96 96" aria-hidden="true">
          <circle cx="48" cy="48" r="46" />
          <circle cx="48" cy="48" r="24" fill="none" strokeWidth="7" />
          <path d="M31 65l34-34" fill="none" strokeWidth="7" strokeLinecap="round" />
        </svg>
      );
    default:
      return null;
  }
}
