export { writeTar, type TarEntry } from './write';
export { readTar, drain } from './read';
export { checkName, MAX_NAME } from './names';
