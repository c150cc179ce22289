import { useEffect, useRef } from 'react';
import '@repruv/widget/define';
import type { RepruvChat as RepruvChatElement, RepruvEventDetails } from '@repruv/widget';

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'repruv-chat': React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        'api-url'?: string;
        'site-key'?: string;
        display?: 'bubble' | 'inline' | 'fullscreen';
        mode?: string;
        locale?: string;
      };
    }
  }
}

export interface RepruvChatProps {
  apiUrl: string;
  siteKey?: string;
  display?: 'bubble' | 'inline' | 'fullscreen';
  locale?: string;
  title?: string;
  /** For hosts that sign in their own users: returns a JWT the Repruv server accepts. */
  getToken?: () => Promise<string>;
  quickPrompts?: string[];
  onMessageReceived?: (detail: RepruvEventDetails['repruv-message-received']) => void;
  onError?: (detail: RepruvEventDetails['repruv-error']) => void;
}

/** `<repruv-chat>` with React props: attributes as attributes, the rest as properties. */
export function RepruvChat(props: RepruvChatProps) {
  const ref = useRef<RepruvChatElement>(null);
  const { getToken, quickPrompts, onMessageReceived, onError } = props;

  useEffect(() => {
    const chat = ref.current;
    if (!chat) return;
    chat.getToken = getToken ?? null;
    chat.quickPrompts = quickPrompts ?? null;
  }, [getToken, quickPrompts]);

  useEffect(() => {
    const chat = ref.current;
    if (!chat) return;
    const received = (e: HTMLElementEventMap['repruv-message-received']) =>
      onMessageReceived?.(e.detail);
    const failed = (e: HTMLElementEventMap['repruv-error']) => onError?.(e.detail);
    chat.addEventListener('repruv-message-received', received);
    chat.addEventListener('repruv-error', failed);
    return () => {
      chat.removeEventListener('repruv-message-received', received);
      chat.removeEventListener('repruv-error', failed);
    };
  }, [onMessageReceived, onError]);

  return (
    <repruv-chat
      ref={ref}
      api-url={props.apiUrl}
      site-key={props.siteKey}
      display={props.display ?? 'inline'}
      locale={props.locale}
      title={props.title}
    />
  );
}
