import type { BreakerPermit } from '../../llm/circuit-breaker.js';
import type { ContextFileLoader } from '../../attachments/context-files.js';
import {
  buildClaudeContext,
  NO_FILES,
  type ContextFiles,
  type StoredTurn,
} from '../../llm/context-builder.js';
import type { CreateReplyRun, ReplyRun } from '../reply/run.js';
import type { ReplyAccounting } from './account.js';
import type { ReplyTarget } from './types.js';

export interface ReplyLauncherOptions {
  createRun: CreateReplyRun;
  accounting: ReplyAccounting;
  contextMessages: number;
  /** Reads the bytes of the files a history names; none: files are only named. */
  contextFiles?: ContextFileLoader | undefined;
}

export interface LaunchRequest {
  target: ReplyTarget;
  messageId: string;
  /** Handed to the run: from here on, the call to Claude settles it. */
  permit: BreakerPermit;
  /** The conversation Claude is sent, the message being answered last. */
  history: StoredTurn[];
  /** Settles once the reply's row is committed (see ReplyRunInput.stored). */
  stored: Promise<unknown>;
  /** Remember the conversation afterwards, for the next send's speculative start. */
  remember: boolean;
  /** The reply's siblings, itself included (see ReplyRunInput.siblingIds); default: itself. */
  siblingIds?: string[] | undefined;
  /** The files `history` names, from `filesFor(history)`; default: none. */
  files?: ContextFiles | undefined;
}

/** Stage "run the reply": builds the reply's run, with its accounting, and starts it. */
export class ReplyLauncher {
  constructor(private readonly options: ReplyLauncherOptions) {}

  /** What `launch` needs of the files `history` names, read before anything is stored. */
  filesFor(history: StoredTurn[]): Promise<ContextFiles> {
    return this.options.contextFiles?.load(history) ?? Promise.resolve(NO_FILES);
  }

  launch(request: LaunchRequest): ReplyRun {
    const { target, history } = request;
    const run = this.options.createRun(
      {
        messageId: request.messageId,
        sessionId: target.sessionId,
        userId: target.userId,
        siteId: target.siteId,
        model: target.model,
        system: target.system,
        temperature: target.temperature ?? undefined,
        maxTokens: target.maxTokens ?? undefined,
        turns: buildClaudeContext(history, this.options.contextMessages, request.files),
        stored: request.stored,
        siblingIds: request.siblingIds,
      },
      request.permit,
      this.options.accounting.hooksFor(target, history, request.remember),
    );
    void run.start();
    return run;
  }
}
