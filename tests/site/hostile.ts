/**
 * Records an attacker or a careless editor could put in the database, inserted straight into the
 * tables by hostile-records.ts (no API validation in the way): the built site must show them as
 * text and must never publish what is private about them. This file holds only the values, so
 * test files can import them without loading the database modules.
 */
export const SCRIPT = '<script>alert("x")</script>';
export const IMG = '"><img src=x onerror=alert(1)>';
/** An anonymous donor's real name: kept for staff and receipts, published nowhere. */
export const ANONYMOUS_DONOR = '司徒慕白';
/** A named individual donor: published only masked (欧**花). */
export const INDIVIDUAL_DONOR = '欧阳翠花';
export const INDIVIDUAL_DONOR_MASKED = '欧**花';
/** A staff-only note on a donation: never published. */
export const PRIVATE_NOTE = '内部备注-请勿公开-7f3a';
/** A spreadsheet formula: a CSV cell must not start with it (CSV injection in Excel/WPS). */
export const FORMULA = '=HYPERLINK("http://evil.example/","点我")';

export interface HostileRecords {
  serviceId: number;
  deliberationId: number;
  followupId: number;
  organizationId: number;
  fundId: number;
  fundCode: string;
  anonymousDonationId: number;
  individualDonationId: number;
}
