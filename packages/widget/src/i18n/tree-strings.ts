/**
 * The strings of the conversation tree (edit, regenerate, versions, fork) and of feedback.
 * `{n}` and `{total}` are a version's place among its siblings: "Showing answer 2 of 3".
 */
export interface TreeStrings {
  /** Also the label of the box a message is edited in. */
  edit: string;
  /** Sends an edited message as a new version. */
  save: string;
  cancel: string;
  copy: string;
  /** Said once a reply is copied. */
  copied: string;
  regenerate: string;
  fork: string;
  /** Said once a fork is shown. */
  forked: string;
  goodAnswer: string;
  badAnswer: string;
  previous: string;
  next: string;
  /** The name of a reply's "‹ 2 / 3 ›", also said when another version is shown. */
  showingAnswer: string;
  /** The same for the versions of a message the visitor edited. */
  showingVersion: string;
  /** The label of a down vote's comment (optional: Send works without one). */
  feedbackPrompt: string;
  /** Said once a vote or a down vote's comment is stored. */
  feedbackThanks: string;
  /** The labels of `FEEDBACK_TAGS`, in that order. */
  feedbackTags: string[];
}

/** The English ones; the other locales' are in locales/*.ts. */
export const TREE_EN: TreeStrings = {
  edit: 'Edit',
  save: 'Save',
  cancel: 'Cancel',
  copy: 'Copy',
  copied: 'Copied',
  regenerate: 'Regenerate',
  fork: 'Continue in a new chat',
  forked: 'Continuing in a new chat',
  goodAnswer: 'Good answer',
  badAnswer: 'Bad answer',
  previous: 'Previous',
  next: 'Next',
  showingAnswer: 'Showing answer {n} of {total}',
  showingVersion: 'Showing version {n} of {total}',
  feedbackPrompt: 'What went wrong?',
  feedbackThanks: 'Thanks for your feedback',
  feedbackTags: ['Inaccurate', 'Not helpful', 'Too long', 'Unsafe'],
};
