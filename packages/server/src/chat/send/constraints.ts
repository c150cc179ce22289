/** The database's answers to a send that races another: a repeat, or a second live reply. */
export const CLIENT_MESSAGE_ID_CONSTRAINT = 'ai_chat_messages_session_client_message_id_unique';
export const ONE_STREAMING_CONSTRAINT = 'ai_chat_messages_one_streaming_per_session';
