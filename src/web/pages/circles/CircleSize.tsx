import { useTranslation } from 'react-i18next';
import type { Answer } from '../../../common/contract';
import type { circleSizeAnswer } from '../../../circles/contract';

type Size = Answer<typeof circleSizeAnswer>;

/**
 * The circle's size in one plain sentence: now (`when="now"`), or once a person joins
 * (`when="after"`), saying when it leaves the range its rule sets. It informs, it forbids nothing.
 */
export function CircleSize({ size, when }: { size: Size; when: 'now' | 'after' }) {
  const { t } = useTranslation();
  const params = { count: size.members, min: size.minSize, max: size.maxSize };
  const sentence = t(`circle.size.${when}.${size.standing}`, params);
  if (size.standing === 'within') return <p>{sentence}</p>;
  return (
    <p className="notice notice-warn">
      {sentence} {when === 'after' && t('circle.size.informs')}
    </p>
  );
}
