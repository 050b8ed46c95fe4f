import type { InferGetStaticPropsType } from 'astro';
import { statementMonths } from './charity';
import { publicData } from './data';

/**
 * The records of each record page; src/pages/[...locale]/ publishes each of them in both languages
 * (src/i18n/locale-paths.ts), so both publish exactly the same records.
 */
export async function servicePaths() {
  const { services } = await publicData();
  return services.map((service) => ({ params: { id: String(service.id) }, props: { service } }));
}

export async function organizationPaths() {
  const { organizations } = await publicData();
  return organizations.map((organization) => ({
    params: { id: String(organization.id) },
    props: { organization },
  }));
}

export async function deliberationPaths() {
  const { deliberations } = await publicData();
  return deliberations.map((deliberation) => ({
    params: { id: String(deliberation.id) },
    props: { deliberation },
  }));
}

export async function activityPaths() {
  const { activities } = await publicData();
  return activities.map((activity) => ({
    params: { id: String(activity.id) },
    props: { activity },
  }));
}

export async function fundPaths() {
  const { charity } = await publicData();
  return charity.funds.map((fund) => ({ params: { code: fund.code }, props: { fund } }));
}

export async function fundStatementPaths() {
  const { charity } = await publicData();
  return charity.funds.flatMap((fund) =>
    statementMonths(fund, charity).map((month) => ({
      params: { code: fund.code, month },
      props: { fund, month },
    })),
  );
}

/** The props each record page receives (Astro reads a page's `Props` type for Astro.props). */
export type ServiceProps = InferGetStaticPropsType<typeof servicePaths>;
export type OrganizationProps = InferGetStaticPropsType<typeof organizationPaths>;
export type DeliberationProps = InferGetStaticPropsType<typeof deliberationPaths>;
export type ActivityProps = InferGetStaticPropsType<typeof activityPaths>;
export type FundProps = InferGetStaticPropsType<typeof fundPaths>;
export type FundStatementProps = InferGetStaticPropsType<typeof fundStatementPaths>;
