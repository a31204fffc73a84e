import type { z } from 'zod';
import type { ImportProgress, ImportReport, Input, Method, Output } from './contract';

export type VolumeInfo = Output<'volumes.list'>['volumes'][number];

export type KluisEvent =
  | { type: 'vault.unlocked' }
  | { type: 'vault.locked'; reason: 'user' | 'idle' | 'suspend' | 'screen-lock' | 'quit' }
  | { type: 'volumes.changed'; volumes: VolumeInfo[] }
  | { type: 'ingest.progress'; progress: z.output<typeof ImportProgress> }
  | { type: 'ingest.finished'; report: z.output<typeof ImportReport> }
  | { type: 'ingest.failed'; error: WireError; report?: z.output<typeof ImportReport> }
  | { type: 'ingest.freeSpaceProgress'; bytesWritten: number; bytesTotal: number }
  | { type: 'media.updated'; id: string }
  /** automatic retention deleted recordings past their deadline; retention.autoRuns says which */
  | { type: 'retention.autoDeleted'; count: number }
  | { type: 'redact.progress'; progress: { recordingId: string; phase: 'detect' | 'render' | 'verify' | 'done'; fraction: number } };

/** What a failed call carries across any transport: a stable code and one sentence. */
export interface WireError {
  code: string;
  message: string;
}

/** Every transport answers with this JSON; errors travel as data because IPC drops custom Error fields. */
export type WireResult<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError };

/** The typed client the renderer uses, whichever transport is underneath. Failures reject with code and message. */
export interface KluisBridge {
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  onEvent(listener: (event: KluisEvent) => void): () => void;
}

/** Exactly what the Electron preload exposes as window.kluis. */
export interface KluisPreload {
  invoke(method: Method, input: unknown): Promise<WireResult>;
  onEvent(listener: (event: KluisEvent) => void): () => void;
  /** the system's folder picker (Electron only; the test host has none) */
  chooseFolder(): Promise<string | null>;
  /** the system's save dialog for a share package: `defaultName` proposed, only .age offered */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** the system's open dialog for a share package (.age) */
  chooseFile(): Promise<string | null>;
  /** the path of a file dropped on the page (Electron's webUtils; a page cannot read it itself) */
  pathForFile(file: File): string;
}

export const CHOOSE_FOLDER_CHANNEL = 'kluis:app.chooseFolder';
export const CHOOSE_SAVE_PATH_CHANNEL = 'kluis:app.chooseSavePath';
export const CHOOSE_FILE_CHANNEL = 'kluis:app.chooseFile';

export const CHANNEL_PREFIX = 'kluis:';
export const EVENT_CHANNEL = 'kluis:event';
