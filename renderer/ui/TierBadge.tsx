import { useTranslation } from 'react-i18next';
import type { TIERS } from '../../shared/contract/customer-schemas';

export function TierBadge({ tier }: { tier: (typeof TIERS)[number] }) {
  const { t } = useTranslation();
  return <span className={`badge tier tier-${tier}`}>{t(`enum.tier.${tier}`)}</span>;
}
