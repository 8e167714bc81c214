/**
 * The kernel protocol: Jupyter's message envelope (messaging spec 5.3) with the message types
 * Cohort's kernels speak. One zod schema per message gives both the TypeScript type and the check
 * of untrusted frames (`parseKernelMessage`). Rules: packages/kernel/SPEC.md.
 */
import { z } from 'zod';

export const PROTOCOL_VERSION = '5.3';

export const backendNames = ['webgpu', 'webgl', 'wasm', 'cpu', 'tensorflow'] as const;
export const BackendName = z.enum(backendNames);
export type BackendName = z.output<typeof BackendName>;

export const MessageHeader = z.object({
  msg_id: z.string().min(1),
  msg_type: z.string().min(1),
  session: z.string(),
  /** ISO 8601. */
  date: z.string(),
  version: z.string(),
  username: z.string(),
});
export type MessageHeader = z.output<typeof MessageHeader>;

/** Jupyter's `{}` for "no parent" (status 'starting', kernel-initiated messages). */
const NoParent = z.object({}).strict();

/** Any JSON value: what metadata and `application/json` outputs may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]),
);
const JsonObject = z.record(z.string(), JsonValue);

/** The output MIME types Cohort renders; other keys are dropped (KERNEL-MSG-3). */
export const MimeBundle = z.object({
  'text/plain': z.string().optional(),
  'text/html': z.string().optional(),
  'text/markdown': z.string().optional(),
  /** Base64, no data: prefix. */
  'image/png': z.base64().optional(),
  'image/svg+xml': z.string().optional(),
  'application/vnd.vegalite.v5+json': z.record(z.string(), JsonValue).optional(),
  'application/json': JsonValue.optional(),
});
export type MimeBundle = z.output<typeof MimeBundle>;
export const mimeTypes = Object.keys(MimeBundle.shape) as (keyof MimeBundle)[];

const ExecutionCount = z.number().int().nonnegative();
const ErrorFields = { ename: z.string(), evalue: z.string(), traceback: z.array(z.string()) };

export const BackendInfo = z.object({
  name: BackendName,
  /** The GPU adapter's name, or 'CPU'. */
  device: z.string(),
  /** A software GPU: SwiftShader, lavapipe, llvmpipe, a fallback adapter. */
  software: z.boolean(),
});
export type BackendInfo = z.output<typeof BackendInfo>;

/** The content schema of each message type. */
export const messageContents = {
  execute_request: z.object({
    /** TypeScript source of the cell. */
    code: z.string(),
    cell_id: z.string(),
    silent: z.boolean().optional(),
    store_history: z.boolean().optional(),
  }),
  execute_reply: z.object({
    status: z.enum(['ok', 'error', 'aborted']),
    execution_count: ExecutionCount,
    ename: z.string().optional(),
    evalue: z.string().optional(),
    traceback: z.array(z.string()).optional(),
  }),
  status: z.object({ execution_state: z.enum(['starting', 'busy', 'idle']) }),
  stream: z.object({ name: z.enum(['stdout', 'stderr']), text: z.string() }),
  display_data: z.object({
    data: MimeBundle,
    metadata: JsonObject,
    transient: z.object({ display_id: z.string() }).optional(),
  }),
  update_display_data: z.object({
    data: MimeBundle,
    metadata: JsonObject,
    transient: z.object({ display_id: z.string() }),
  }),
  execute_result: z.object({ execution_count: ExecutionCount, data: MimeBundle, metadata: JsonObject }),
  error: z.object(ErrorFields),
  kernel_info_request: z.object({}),
  kernel_info_reply: z.object({
    status: z.literal('ok'),
    protocol_version: z.string(),
    implementation: z.literal('cohort'),
    implementation_version: z.string(),
    language_info: z.object({
      name: z.literal('typescript'),
      version: z.string(),
      mimetype: z.literal('text/typescript'),
      file_extension: z.literal('.ts'),
    }),
    backend: BackendInfo,
    /** The backends this host can run, in its order of preference. */
    backends: z.array(BackendName),
    runtime: z.enum(['browser', 'node']),
  }),
  interrupt_request: z.object({}),
  interrupt_reply: z.object({ status: z.enum(['ok', 'error']) }),
  /** Clears the user's state; `backend` picks the backend to start on (KERNEL-LIFE-2). */
  restart_request: z.object({ backend: BackendName.optional() }),
  restart_reply: z.object({
    status: z.enum(['ok', 'error']),
    /** The backend the kernel runs on after the restart. */
    backend: BackendInfo.optional(),
    evalue: z.string().optional(),
  }),
} as const;

export type MessageType = keyof typeof messageContents;
export const messageTypes = Object.keys(messageContents) as MessageType[];
export type MessageContent<T extends MessageType> = z.output<(typeof messageContents)[T]>;

export interface KernelMessageOf<T extends MessageType> {
  header: MessageHeader & { msg_type: T };
  parent_header: MessageHeader | Record<string, never>;
  metadata: Record<string, JsonValue>;
  content: MessageContent<T>;
}
/** Every kernel message, discriminated on `header.msg_type`. */
export type KernelMessage = { [T in MessageType]: KernelMessageOf<T> }[MessageType];

function messageSchema<T extends MessageType>(type: T) {
  return z.object({
    header: MessageHeader.extend({ msg_type: z.literal(type) }),
    parent_header: z.union([MessageHeader, NoParent]),
    metadata: JsonObject,
    content: messageContents[type],
  });
}
/** The full schema of each message type, envelope included. */
export const kernelMessageSchemas = Object.fromEntries(messageTypes.map((type) => [type, messageSchema(type)])) as {
  [T in MessageType]: ReturnType<typeof messageSchema<T>>;
};

const Envelope = z.object({ header: z.object({ msg_type: z.string() }) });

export type ParsedKernelMessage = { ok: true; message: KernelMessage } | { ok: false; error: string };

/**
 * Checks an untrusted frame (a JSON string or an already parsed value). Never throws
 * (KERNEL-MSG-1, KERNEL-MSG-2).
 */
export function parseKernelMessage(frame: unknown): ParsedKernelMessage {
  let json = frame;
  if (typeof frame === 'string') {
    try {
      json = JSON.parse(frame);
    } catch {
      return { ok: false, error: 'not JSON' };
    }
  }
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return { ok: false, error: 'not a kernel message: header.msg_type is missing' };
  const type = envelope.data.header.msg_type;
  if (!Object.hasOwn(kernelMessageSchemas, type)) return { ok: false, error: `unknown msg_type "${type}"` };
  const parsed = kernelMessageSchemas[type as MessageType].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'message';
    return { ok: false, error: `bad ${type}: ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, message: parsed.data as KernelMessage };
}

export interface MessageIdentity {
  /** The sender's session id; default: one random id per JavaScript realm. */
  session?: string;
  username?: string;
  /** Default: a random UUID. Injectable for deterministic tests. */
  msgId?: string;
  date?: Date;
}

const realmSession = crypto.randomUUID();

/** A new message; `parent` is the message (or header) it answers or belongs to. */
export function createMessage<T extends MessageType>(
  type: T,
  content: MessageContent<T>,
  parent?: KernelMessage | MessageHeader,
  identity: MessageIdentity = {},
): KernelMessageOf<T> {
  const parentHeader = parent === undefined ? {} : 'header' in parent ? parent.header : parent;
  return {
    header: {
      msg_id: identity.msgId ?? crypto.randomUUID(),
      msg_type: type,
      session: identity.session ?? realmSession,
      date: (identity.date ?? new Date()).toISOString(),
      version: PROTOCOL_VERSION,
      username: identity.username ?? 'cohort',
    },
    parent_header: parentHeader,
    metadata: {},
    content,
  };
}

/** Narrows a message to one type. */
export function isMessageOfType<T extends MessageType>(message: KernelMessage, type: T): message is Extract<KernelMessage, KernelMessageOf<T>> {
  return message.header.msg_type === type;
}

/** The msg_id of the request a message answers, or undefined for kernel-initiated messages. */
export function parentMessageId(message: KernelMessage): string | undefined {
  return 'msg_id' in message.parent_header ? message.parent_header.msg_id : undefined;
}
