import { useEffect, useRef, useState } from 'preact/hooks';
import { recipientName, type Recipient } from '../api/types';
import { useI18n } from '../i18n/context';
import { keyAction, shouldSearch } from '../lib/combobox';
import type { Message } from '../lib/messages';
import { RecipientOption } from './RecipientOption';

interface Props {
  label: string;
  hint: string;
  placeholder: string;
  selected: Recipient | null;
  onSelect: (recipient: Recipient | null) => void;
  /** Every change of the typed text (e.g. to carry it to the invitation form). */
  onQuery?: (query: string) => void;
  search: (query: string, signal: AbortSignal) => Promise<Recipient[]>;
  errors?: Message[] | undefined;
}

type Status = 'idle' | 'searching' | 'done' | 'error';
const ID = 'field-recipient';
const LIST_ID = 'recipient-listbox';
const labelOf = recipientName;

/** Search as you type: an editable combobox whose list box shows organisation, department, country, kind. */
export function Combobox(props: Props) {
  const { t, plural } = useI18n();
  const [query, setQuery] = useState(props.selected ? labelOf(props.selected) : '');
  const [items, setItems] = useState<Recipient[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (props.selected && query === labelOf(props.selected)) return;
    if (!shouldSearch(query)) {
      setItems([]);
      setStatus('idle');
      return;
    }
    const controller = new AbortController();
    setStatus('searching');
    const timer = setTimeout(() => {
      props
        .search(query.trim(), controller.signal)
        .then((found) => {
          setItems(found);
          setStatus('done');
          setActive(-1);
          setOpen(found.length > 0);
        })
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setItems([]);
          setStatus('error');
        });
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  useEffect(() => {
    if (active >= 0) listRef.current?.children[active]?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (recipient: Recipient) => {
    setQuery(labelOf(recipient));
    setOpen(false);
    setActive(-1);
    props.onSelect(recipient);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const action = keyAction(event.key, { open, active, count: items.length }, event.altKey);
    if (action.type === 'none') return;
    if (action.type === 'close' && event.key === 'Tab') return setOpen(false);
    event.preventDefault();
    if (action.type === 'move') {
      setOpen(true);
      setActive(action.active);
    } else if (action.type === 'select') {
      const item = items[action.index];
      if (item) choose(item);
    } else if (action.type === 'close') {
      setOpen(false);
      setActive(-1);
    } else {
      setQuery('');
      props.onQuery?.('');
      props.onSelect(null);
    }
  };

  const expanded = open && items.length > 0;
  const announcement =
    status === 'searching'
      ? t('search.searching')
      : status === 'error'
        ? t('search.error')
        : status === 'done'
          ? items.length === 0
            ? t('search.none', { query: query.trim() })
            : plural('search.count', items.length)
          : '';
  const errorId = props.errors?.length ? `${ID}-error` : '';

  return (
    <div class={errorId ? 'field combobox field--error' : 'field combobox'}>
      <label for={ID} id={`${ID}-label`}>
        {props.label}
        <span aria-hidden="true"> *</span>
        <span class="visually-hidden"> ({t('common.required')})</span>
      </label>
      <p id={`${ID}-hint`} class="hint">
        {props.hint}
      </p>
      {errorId && (
        <p id={errorId} class="field-error">
          {props.errors?.map((m, i) => (
            <span key={i} lang={m.lang} class="field-error__line">
              {m.text}
            </span>
          ))}
        </p>
      )}
      <div class="combobox__box">
        <span class="combobox__icon" aria-hidden="true">
          ⌕
        </span>
        <input
          id={ID}
          type="text"
          role="combobox"
          autoComplete="off"
          spellcheck={false}
          placeholder={props.placeholder}
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={LIST_ID}
          aria-activedescendant={expanded && active >= 0 ? `${LIST_ID}-${active}` : undefined}
          aria-describedby={[`${ID}-hint`, errorId].filter(Boolean).join(' ')}
          aria-invalid={errorId ? 'true' : undefined}
          aria-required="true"
          value={query}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            props.onQuery?.(e.currentTarget.value);
            if (props.selected) props.onSelect(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(items.length > 0 && !props.selected)}
        />
        <ul
          id={LIST_ID}
          ref={listRef}
          role="listbox"
          aria-labelledby={`${ID}-label`}
          class="combobox__list"
          hidden={!expanded}
        >
          {items.map((item, index) => (
            <RecipientOption
              key={item.recipientId}
              id={`${LIST_ID}-${index}`}
              recipient={item}
              active={index === active}
              selected={props.selected?.recipientId === item.recipientId}
              onChoose={() => choose(item)}
            />
          ))}
        </ul>
      </div>
      <p
        class={status === 'done' && items.length === 0 ? 'combobox__none' : 'visually-hidden'}
        role="status"
        aria-live="polite"
      >
        {announcement}
      </p>
    </div>
  );
}
