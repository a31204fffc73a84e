import type { Command } from '../command';
import { add } from './add';
import { cards } from './cards';
import { cat } from './cat';
import { clearFreeSpace } from './clear-free-space';
import { importCommand } from './import';
import { init } from './init';
import { ls } from './ls';
import { passwd } from './passwd';
import { recordings } from './recordings';
import { recover } from './recover';
import { rm } from './rm';
import { verify } from './verify';

export const COMMANDS: readonly Command[] = [init, add, ls, cat, rm, verify, passwd, recover, cards, importCommand, recordings, clearFreeSpace];
