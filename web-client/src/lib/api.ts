import { problemDetail } from './sse';
import type { Page, PageRequest, Query } from './paging';

export interface Attachment {
  fileName: string | null;
  mediaType: string;
  present: boolean;
}

export interface Message {
  ordinal: number;
  localTime: string;
  sentAt: string;
  sender: string | null;
  kind: string;
  text: string | null;
  attachment: Attachment | null;
  edited: boolean;
  poll?: { options: { text: string; votes: number }[] };
  location?: { latitude: number; longitude: number };
  contact?: { name: string | null };
  call?: { video: boolean; missed: boolean; durationSeconds?: number };
  /** Enrichment's score, present only once the message was scored. */
  sentiment?: Sentiment;
  /** URLs in text order; the preview fields stay null until the page was fetched (or when it could not be). */
  links?: LinkPreview[];
}

export interface Sentiment {
  score: number;
  label: string | null;
  model: string | null;
}

/** What enrichment read from a linked page: every string is untrusted text from the web. */
export interface LinkPreview {
  url: string;
  title: string | null;
  description: string | null;
  siteName: string | null;
  imageUrl: string | null;
}

export interface Conversation {
  id: string;
  title: string;
  sourceFormat: string;
  messageCount: number;
  firstSentAt: string | null;
  lastSentAt: string | null;
  participants: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
}

export interface ImportJob {
  id: string;
  status: 'RECEIVING' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  conversationId: string | null;
  fileName: string;
  size: number | null;
  counts: { bytesReceived: number; messagesParsed: number; messagesNew: number; messagesStored: number; messagesEnriched: number };
  problem: Problem | null;
  version?: number;
  links: { self: string; upload: string; events: string; conversation?: string };
}

export interface ProgressEvent {
  importId: string;
  conversationId: string;
  status: ImportJob['status'];
  stage: string;
  bytesReceived: number;
  bytesTotal?: number;
  messagesParsed: number;
  messagesNew?: number;
  messagesStored: number;
  messagesEnriched: number;
  rate: number;
  problem?: Problem;
}

export interface SearchHit {
  conversationId: string;
  conversationTitle: string;
  rank: number;
  message: Message;
  snippet: string;
  contextCursor: string;
}

export interface Counted {
  value: string;
  count: number;
}

export interface Stats {
  conversationId: string;
  messageCount: number;
  enrichedMessages: number;
  senders: { sender: string; messages: number; words: number; media: number; links: number; medianResponseSeconds: number | null }[];
  messagesPerDay: { day: string; messages: number }[];
  hourOfWeek: number[][];
  topEmojis: Counted[];
  topLinkDomains: Counted[];
  medianResponseSeconds: number | null;
  sentimentPerDay: { day: string; sentiment: number; scoredMessages: number }[];
}

/** An HTTP error carrying the server's problem `detail` sentence as its message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const BASE = '/api/v1';

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path.startsWith('/') ? path : `${BASE}/${path}`, init);
  } catch {
    throw new ApiError('The server could not be reached.', 0);
  }
  if (!response.ok) throw new ApiError(await problemDetail(response), response.status);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function params(query: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const api = {
  createImport(fileName: string, size: number, options: Record<string, string> = {}): Promise<ImportJob> {
    return call('imports', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fileName, size, options }),
    });
  },
  /** Imports, newest first. */
  imports(cursor?: string): Promise<{ items: ImportJob[]; nextCursor: string | null }> {
    return call(`imports${params({ limit: '20', cursor })}`);
  },
  importJob(id: string): Promise<ImportJob> {
    return call(`imports/${encodeURIComponent(id)}`);
  },
  cancelImport(id: string): Promise<ImportJob> {
    return call(`imports/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  conversations(cursor?: string): Promise<{ items: Conversation[]; nextCursor: string | null }> {
    return call(`conversations${params({ limit: '100', cursor })}`);
  },
  conversation(id: string): Promise<Conversation> {
    return call(`conversations/${encodeURIComponent(id)}`);
  },
  deleteConversation(id: string): Promise<void> {
    return call(`conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  },
  messages(conversationId: string, r: PageRequest): Promise<Page<Message>> {
    const q: Record<string, string | undefined> = { ...r.query, limit: String(r.limit), cursor: r.cursor };
    if (!r.cursor) q.direction = r.direction;
    return call(`conversations/${encodeURIComponent(conversationId)}/messages${params(q)}`);
  },
  search(query: Query, cursor?: string): Promise<{ items: SearchHit[]; nextCursor: string | null }> {
    return call(`search${params({ ...query, limit: '30', cursor })}`);
  },
  stats(conversationId: string): Promise<Stats> {
    return call(`conversations/${encodeURIComponent(conversationId)}/stats`);
  },
  exportUrl(conversationId: string, format: string): string {
    return `${BASE}/conversations/${encodeURIComponent(conversationId)}/export?format=${encodeURIComponent(format)}`;
  },
};

/** The content type a file is uploaded with; the server accepts these and sniffs the rest. */
export function uploadContentType(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.zip')) return 'application/zip';
  if (name.endsWith('.json')) return 'application/json';
  if (name.endsWith('.txt')) return 'text/plain';
  return 'application/octet-stream';
}

/**
 * PUTs the file as the raw body with XHR, whose upload events give real byte progress (fetch has none).
 * Resolves with the import JSON; rejects with the problem's sentence.
 */
export function upload(url: string, file: File, onProgress: (loaded: number, total: number) => void): { done: Promise<ImportJob>; abort(): void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportJob>((resolve, reject) => {
    xhr.open('PUT', url);
    xhr.setRequestHeader('Content-Type', uploadContentType(file));
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportJob);
      else {
        const p = body as Problem | undefined;
        reject(new ApiError(p?.detail || p?.title || `The server answered ${xhr.status}.`, xhr.status));
      }
    };
    xhr.onerror = () => reject(new ApiError('The upload was interrupted: the connection to the server broke.', 0));
    xhr.onabort = () => reject(new ApiError('The upload was cancelled.', 0));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
