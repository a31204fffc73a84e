import type { Migration } from '../vault';

/**
 * What the media capability knows about each recording (docs/media.md). One row per recording,
 * written by the background queue; a recording without a row has not been looked at yet.
 * The library query joins this to ingest's recordings, so the sort columns it orders by get
 * indexes here too: media owns the library's reads, ingest only writes those rows.
 */
export const MEDIA_MIGRATIONS: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE media_info (
        recording_id      TEXT PRIMARY KEY REFERENCES recordings(id),
        status            TEXT NOT NULL DEFAULT 'pending',
        problem           TEXT,
        playability       TEXT NOT NULL DEFAULT 'pending',
        duration_sec      REAL,
        container         TEXT,
        video_codec       TEXT,
        audio_codec       TEXT,
        width             INTEGER,
        height            INTEGER,
        fps               REAL,
        rotation          INTEGER,
        sample_rate       INTEGER,
        channels          INTEGER,
        creation_time     TEXT,
        bit_rate          INTEGER,
        identifying       TEXT NOT NULL DEFAULT '[]',
        flagged           INTEGER NOT NULL DEFAULT 0,
        title             TEXT,
        poster_blob_id    TEXT REFERENCES blobs(id),
        sprite_blob_id    TEXT REFERENCES blobs(id),
        sprite_grid       TEXT,
        proxy_status      TEXT NOT NULL DEFAULT 'none',
        proxy_progress    REAL,
        proxy_blob_id     TEXT REFERENCES blobs(id),
        probed_at         TEXT
      );
      CREATE INDEX media_info_by_duration ON media_info (duration_sec);
      CREATE INDEX media_info_by_title ON media_info (title COLLATE NOCASE);
      CREATE INDEX media_info_by_status ON media_info (status);
      CREATE INDEX media_recordings_by_captured ON recordings (captured_at);
      CREATE INDEX media_recordings_by_imported ON recordings (imported_at);
      CREATE INDEX media_recordings_by_label ON recordings (label COLLATE NOCASE);
    `,
  },
];
