import { useMemo } from 'react';
import { qrPath } from './qr-path';

/** A QR drawn as inline SVG, black on white with its quiet zone; crisp at any size. */
export function QrCode({ data, label, className, testId }: { data: string; label: string; className?: string; testId?: string }) {
  const { size, d } = useMemo(() => qrPath(data), [data]);
  return (
    <svg className={className} data-testid={testId} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}
