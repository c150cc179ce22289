/** What middleware puts on `ctx.state` for the handlers below it. */
export interface AppState {
  requestId: string;
  userId: string;
  body: unknown;
}
