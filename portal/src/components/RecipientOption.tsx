import type { Recipient } from '../api/types';
import { useI18n } from '../i18n/context';

interface Props {
  id: string;
  recipient: Recipient;
  active: boolean;
  selected: boolean;
  onChoose: () => void;
}

/** One entry of the drop-down: organisation, faculty or department, country and kind. */
export function RecipientOption({ id, recipient, active, selected, onChoose }: Props) {
  const i18n = useI18n();
  return (
    <li
      id={id}
      role="option"
      // Selected means chosen (aria-activedescendant marks the one under the arrow keys).
      aria-selected={selected ? 'true' : 'false'}
      class={active ? 'combobox__option combobox__option--active' : 'combobox__option'}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onChoose}
    >
      <span class="combobox__org">{recipient.organisationName}</span>
      {recipient.japaneseName && recipient.japaneseName !== recipient.organisationName && (
        <span class="combobox__alt" lang="ja">
          {recipient.japaneseName}
        </span>
      )}
      {recipient.department && (
        <span class="combobox__dept">
          {i18n.t('search.department', { department: recipient.department })}
        </span>
      )}
      <span class="combobox__meta">
        {i18n.country(recipient.country)} · {i18n.t(`kind.${recipient.kind}`)}
      </span>
    </li>
  );
}
