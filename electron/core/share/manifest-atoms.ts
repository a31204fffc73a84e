import { z } from 'zod';

/** The small schemas every part of manifest.json is built from (docs/share-package.md, "Manifest"). */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in lowercase hex');
export const AgePublicKey = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'must be an age X25519 recipient (age1...)');
export const IsoTime = z.iso.datetime({ offset: true });
/** names inside the tar: flat folders, no dot-dot, no absolute paths */
export const TarName = z.string().regex(/^(clips|posters)\/[A-Za-z0-9._-]{1,64}$/, 'must be clips/NAME or posters/NAME');
/** a handover's entries: files/N and forms/N */
export const HandoverName = z.string().regex(/^(files|forms)\/[1-9][0-9]{0,5}$/, 'must be files/N or forms/N');
export const Text = (max: number) => z.string().min(1).max(max);
