export { writeTar, type TarEntry } from './write';
export { readTar } from './read';
export { checkName, MAX_NAME } from './names';
