import { randomUUID } from 'node:crypto';
import { rebuildEverythingNextRun } from '../analytics/usage-rollups.js';
import { DAY_MS } from '../budgets/utc-day.js';
import type { Database } from '../db/connect.js';
import { estimateCostUsd } from '../llm/pricing.js';
import { promptWithGuidance } from '../llm/system-prompts.js';
import { assignVariant } from '../personas/variant-assignment.js';

const SETTING = 'demo_traffic_seeded_at';
export const DEMO_DAYS = 30;

const QUESTIONS = [
  'How often should I post on Instagram?',
  'Give me five video ideas about home cooking',
  'Write a caption for a sunset photo',
  'How do I grow my newsletter list?',
  'What should my YouTube intro say?',
  'Ideas for a podcast episode about budgeting',
  'How do I price a brand sponsorship?',
  'Write a hook for a TikTok about running',
  'What is a good posting schedule for LinkedIn?',
  'How do I repurpose a long video into shorts?',
  'Give me titles for a video about minimalism',
  'How do I respond to negative comments?',
];
/** How visitors word a question differently: the console's popular questions group them. */
const REWORDINGS: Array<(question: string) => string> = [
  (question) => question,
  (question) => question.toLowerCase().replace(/[?]$/, ''),
  (question) => `${question.replace(/[?]$/, '')} in 2026?`,
  (question) => `Quick question: ${question.charAt(0).toLowerCase()}${question.slice(1)}`,
];
const REPLY =
  'Here is a plan you can start with today:\n\n1. Pick one format and keep it for four weeks.\n2. Post at the same times so your audience learns when to expect you.\n3. Look at the numbers every Friday and keep what worked.';
const MODES = ['general', 'ideas', 'strategy', 'writing'];
const MODEL = 'claude-sonnet-5-5';
const TITLE_MODEL = 'claude-haiku-4-5';
const TAGS = ['helpful', 'too long', 'vague', 'on point'];
/** The demo's prompt experiment: on the "ideas" persona, for the last two weeks. */
const EXPERIMENT_DAYS = 14;
const VARIANTS = [
  { name: 'Three ideas', guidance: 'Give three ideas, each with a hook.', upShare: 0.65 },
  {
    name: 'Five ideas',
    guidance: 'Give five short ideas, each with a hook and a format.',
    upShare: 0.85,
  },
];

/** The built-in personas by mode, and a running experiment on "ideas" with its variants. */
async function seedDemoExperiment(trx: Database, now: Date) {
  const personas = await trx('ai_personas').whereNull('site_id').select('id', 'mode');
  const personaByMode = new Map(
    personas.map((row: { id: string; mode: string }) => [row.mode, row.id]),
  );
  const experimentId = randomUUID();
  const variants = VARIANTS.map((variant) => ({ ...variant, id: randomUUID(), weight: 50 }));
  await trx('prompt_experiments').insert({
    id: experimentId,
    persona_id: personaByMode.get('ideas'),
    name: 'Three or five ideas?',
    status: 'running',
    started_at: new Date(now.getTime() - EXPERIMENT_DAYS * DAY_MS),
  });
  await trx('prompt_variants').insert(
    variants.map((variant, position) => ({
      id: variant.id,
      experiment_id: experimentId,
      position,
      name: variant.name,
      system_prompt: promptWithGuidance(variant.guidance),
      weight: variant.weight,
    })),
  );
  return { personaByMode, experimentId, variants };
}

/** A small deterministic generator, so that every demo database looks the same. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * 30 days of synthetic traffic for a development database (`--demo-data` / REPRUV_DEMO_DATA=1),
 * so that a newcomer's console shows charts, not empty boxes: visitors of the development site,
 * conversations in every mode, replies with their ledger rows (cost from the published prices),
 * titles, a few errors and stops, ratings, and a prompt experiment on "ideas" for its last two
 * weeks. Made once per database; says whether it made them.
 */
export async function seedDemoTraffic(
  db: Database,
  siteId: string,
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const inserted = await trx('server_settings')
      .insert({ key: SETTING, value: now.toISOString() })
      .onConflict('key')
      .ignore()
      .returning('key');
    if (inserted.length === 0) return false;
    const random = seeded(20261202);
    const demo = await seedDemoExperiment(trx, now);
    const experimentStart = now.getTime() - EXPERIMENT_DAYS * DAY_MS;
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const users = Array.from({ length: 60 }, (_, i) => ({
      id: randomUUID(),
      external_id: `site:${siteId}:demo-visitor-${i}`,
    }));
    await trx.batchInsert('users', users, 500);
    const sessions: object[] = [];
    const messages: object[] = [];
    const usage: object[] = [];
    const ratings: object[] = [];
    for (let daysAgo = DEMO_DAYS - 1; daysAgo >= 0; daysAgo--) {
      // Busier on weekdays, and growing over the month.
      const day = new Date(now.getTime() - daysAgo * DAY_MS);
      const weekday = day.getUTCDay() % 6 !== 0;
      const count = Math.round((weekday ? 14 : 7) + (DEMO_DAYS - daysAgo) * 0.4 + random() * 6);
      for (let s = 0; s < count; s++) {
        const user = pick(users);
        const mode = pick(MODES);
        const sessionId = randomUUID();
        const start = day.getTime() - Math.floor(random() * 20 * 3_600_000);
        const at = (minute: number) => new Date(Math.min(start + minute * 60_000, now.getTime()));
        const turns = 1 + Math.floor(random() * 4);
        const first = pick(REWORDINGS)(pick(QUESTIONS));
        sessions.push({
          id: sessionId,
          user_id: user.id,
          site_id: siteId,
          title: first.slice(0, 60),
          title_source: 'auto',
          mode,
          status: 'active',
          context_tags: [],
          created_at: at(0),
          updated_at: at(turns * 2),
          last_message_at: at(turns * 2),
        });
        let parentId: string | null = null;
        for (let turn = 0; turn < turns; turn++) {
          const questionId = randomUUID();
          const replyId = randomUUID();
          const roll = random();
          const outcome = roll < 0.03 ? 'error' : roll < 0.08 ? 'stopped' : 'complete';
          const input = 400 + turn * 350 + Math.floor(random() * 300);
          const output = outcome === 'error' ? 0 : 120 + Math.floor(random() * 500);
          const latency = 1_500 + Math.floor(random() * 6_000);
          const inExperiment = mode === 'ideas' && at(turn * 2 + 1).getTime() >= experimentStart;
          const variant = inExperiment
            ? assignVariant(demo.experimentId, user.id, demo.variants)
            : undefined;
          messages.push(
            {
              id: questionId,
              session_id: sessionId,
              user_id: user.id,
              role: 'user',
              content: turn === 0 ? first : pick(QUESTIONS),
              status: 'complete',
              parent_id: parentId,
              created_at: at(turn * 2),
              updated_at: at(turn * 2),
            },
            {
              id: replyId,
              session_id: sessionId,
              user_id: user.id,
              role: 'assistant',
              content: outcome === 'error' ? '' : REPLY,
              status:
                outcome === 'error' ? 'error' : outcome === 'stopped' ? 'stopped' : 'complete',
              parent_id: questionId,
              model: MODEL,
              persona_id: demo.personaByMode.get(mode) ?? null,
              experiment_id: variant ? demo.experimentId : null,
              variant_id: variant?.id ?? null,
              tokens: output,
              latency_ms: latency,
              first_token_ms: outcome === 'error' ? null : 300 + Math.floor(random() * 900),
              created_at: at(turn * 2 + 1),
              updated_at: new Date(Math.min(at(turn * 2 + 1).getTime() + latency, now.getTime())),
            },
          );
          usage.push({
            id: randomUUID(),
            user_id: user.id,
            site_id: siteId,
            session_id: sessionId,
            message_id: replyId,
            model: MODEL,
            input_tokens: input,
            output_tokens: output,
            latency_ms: latency,
            outcome,
            purpose: 'reply',
            estimated_cost_usd: estimateCostUsd(MODEL, input, output),
            created_at: at(turn * 2 + 1),
          });
          if (outcome === 'complete' && random() < 0.2) {
            const up = random() < (variant?.upShare ?? 0.75);
            ratings.push({
              message_id: replyId,
              user_id: user.id,
              session_id: sessionId,
              site_id: siteId,
              rating: up ? 'up' : 'down',
              tags: random() < 0.5 ? [up ? 'helpful' : pick(TAGS)] : [],
              model: MODEL,
              mode,
              persona_id: demo.personaByMode.get(mode) ?? null,
              experiment_id: variant ? demo.experimentId : null,
              variant_id: variant?.id ?? null,
              created_at: at(turn * 2 + 2),
              updated_at: at(turn * 2 + 2),
            });
          }
          parentId = replyId;
        }
        usage.push({
          id: randomUUID(),
          user_id: user.id,
          site_id: siteId,
          session_id: sessionId,
          model: TITLE_MODEL,
          input_tokens: 60,
          output_tokens: 8,
          outcome: 'complete',
          purpose: 'title',
          estimated_cost_usd: estimateCostUsd(TITLE_MODEL, 60, 8),
          created_at: at(1),
        });
      }
    }
    await trx.batchInsert('ai_chat_sessions', sessions, 500);
    await trx.batchInsert('ai_chat_messages', messages, 500);
    await trx.batchInsert('api_usage_log', usage, 500);
    await trx.batchInsert('ai_message_feedback', ratings, 500);
    // Each session's branch ends at its last reply.
    await trx.raw(
      `UPDATE ai_chat_sessions s SET current_message_id = (
         SELECT m.id FROM ai_chat_messages m WHERE m.session_id = s.id
          ORDER BY m.created_at DESC, m.role DESC LIMIT 1)
        WHERE s.id = ANY(?::uuid[])`,
      [sessions.map((session) => (session as { id: string }).id)],
    );
    await rebuildEverythingNextRun(trx);
    return true;
  });
}
