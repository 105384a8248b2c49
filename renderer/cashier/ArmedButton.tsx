import { useEffect, useState } from 'react';

/** Ignores presses for a moment after it appears, so a double tap on the button before cannot press it unseen. */
const ARM_DELAY_MS = 700;

export function ArmedButton({ label, className, testId, disabled, onClick }: { label: string; className: string; testId: string; disabled: boolean; onClick: () => void }) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), ARM_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <button type="button" className={`${className} btn--arming`} data-testid={testId} disabled={!armed || disabled} onClick={onClick}>
      {label}
    </button>
  );
}
