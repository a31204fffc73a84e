import type { Command } from '../command';
import { add } from './add';
import { cat } from './cat';
import { init } from './init';
import { ls } from './ls';
import { passwd } from './passwd';
import { recover } from './recover';
import { rm } from './rm';
import { verify } from './verify';

export const COMMANDS: readonly Command[] = [init, add, ls, cat, rm, verify, passwd, recover];
