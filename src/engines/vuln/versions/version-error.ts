/** Thrown by `compareVersions` when a version cannot be read under the scheme asked for. */
export class VersionError extends Error {
  override readonly name = 'VersionError';
}
