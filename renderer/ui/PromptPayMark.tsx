// A PromptPay / Thai QR Payment mark drawn in SVG (no external assets).
export function PromptPayMark({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 240 64" role="img" aria-label="PromptPay">
      <rect x="0" y="0" width="240" height="64" rx="12" fill="#0f3d6e" />
      <g transform="translate(14 12)">
        <rect x="0" y="0" width="40" height="40" rx="8" fill="#ffffff" />
        <path d="M11 30V10h11a7 7 0 0 1 0 14h-6" fill="none" stroke="#0f3d6e" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
        <circle cx="30" cy="30" r="4" fill="#17a2b8" />
      </g>
      <text x="66" y="42" fill="#ffffff" fontFamily="'Noto Sans', 'Segoe UI', system-ui, sans-serif" fontSize="28" fontWeight="700">
        Prompt<tspan fill="#5fd3e6">Pay</tspan>
      </text>
    </svg>
  );
}
