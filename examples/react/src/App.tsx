import { useCallback, useState } from 'react';
import { RepruvChat } from './RepruvChat';

const PROMPTS = ['Three hooks for a cooking reel', 'Caption for a sunset photo'];

export default function App() {
  const [log, setLog] = useState<string[]>([]);
  const note = useCallback((line: string) => setLog((l) => [...l.slice(-4), line]), []);

  return (
    <main style={{ maxWidth: 720, margin: '2rem auto', fontFamily: 'system-ui' }}>
      <h1>My creator dashboard</h1>
      <RepruvChat
        apiUrl={import.meta.env.VITE_REPRUV_API_URL ?? 'http://localhost:3000'}
        siteKey="pk_dev"
        title="Studio assistant"
        quickPrompts={PROMPTS}
        onMessageReceived={({ message }) => note(`reply: ${message.content.slice(0, 40)}…`)}
        onError={({ code }) => note(`error: ${code}`)}
      />
      <ul>
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </main>
  );
}
