export { readEve, readEveText, type EveReadOptions } from './read.js';
