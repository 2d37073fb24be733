/**
 * What the main thread and the package worker say to each other: the package's source (the reports, review,
 * settings and selection, plain data; src/core/ctuPackage/preparePackage.ts) goes in, the ZIP comes back. The fonts and
 * sql.js the worker loads from the app itself (offline: nothing from the web).
 */
import type { PackageProgress, PackageResult } from '../core/ctuPackage/buildPackage.ts';
import type { PackageSource } from '../core/ctuPackage/preparePackage.ts';

export type { PackageProgress, PackageResult, PackageStep, PackageVariant } from '../core/ctuPackage/buildPackage.ts';
export { PACKAGE_STEPS } from '../core/ctuPackage/buildPackage.ts';
export type { PackageSource } from '../core/ctuPackage/preparePackage.ts';

export type PackageRequestMessage = { id: number; type: 'build'; source: PackageSource };

export type PackageResponseMessage =
  | { id: number; type: 'progress'; progress: PackageProgress }
  | { id: number; type: 'result'; result: PackageResult }
  | { id: number; type: 'error'; message: string };
