/**
 * What the main thread and the package worker say to each other: the selected localities (plain data, the same
 * list the dialog previews) and everything else buildSubmissionPackage / buildPublicPackage take except the fonts
 * and sql.js, which the worker loads from the app itself (offline: nothing from the web).
 */
import type { SubmissionPackageInput } from '../core/export/buildSubmissionPackage.ts';
import type { PackageLocality } from '../core/export/packageLocalities.ts';

export type PackageVariant = 'ctu' | 'public';

export interface PackageRequest {
  variant: PackageVariant;
  localities: PackageLocality[];
  kraj: SubmissionPackageInput['kraj'];
  contact: SubmissionPackageInput['contact'];
  outline: SubmissionPackageInput['outline'];
  /** ORP and obce of the kraj for the letter's maps. */
  orp?: SubmissionPackageInput['orp'];
  obce?: SubmissionPackageInput['obce'];
  /** The letter's addressee, sender, č. j. and place. */
  letterSettings?: SubmissionPackageInput['letterSettings'];
  generatedAt: string;
  appVersion: string;
  selection: Record<string, unknown>;
  boundaries: SubmissionPackageInput['boundaries'];
  includeReporters: boolean;
  review: SubmissionPackageInput['review'];
  /** Obec kód → the obec's official contact text. */
  obecContacts?: Record<string, string>;
  /** The kraj's previous package, for zmeny.csv. */
  previousPackage?: SubmissionPackageInput['previousPackage'];
}

/** The steps shown under the progress bar. */
export type PackageStep = 'prepare' | 'build' | 'done';
export const PACKAGE_STEPS: readonly PackageStep[] = ['prepare', 'build', 'done'];

export interface PackageProgress {
  step: PackageStep;
  /** 0…1 over the whole build. */
  fraction: number;
}

export interface PackageResult {
  fileName: string;
  zip: Uint8Array;
  counts: Record<string, number>;
}

export type PackageRequestMessage = { id: number; type: 'build'; request: PackageRequest };

export type PackageResponseMessage =
  | { id: number; type: 'progress'; progress: PackageProgress }
  | { id: number; type: 'result'; result: PackageResult }
  | { id: number; type: 'error'; message: string };
