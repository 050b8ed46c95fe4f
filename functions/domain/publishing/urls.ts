/** Where each public record lives on the site (zh-CN paths; English adds the /en prefix). */
export const paths = {
  service: (id: number) => `/services/${id}/`,
  deliberation: (id: number) => `/deliberations/${id}/`,
  activity: (id: number) => `/activities/${id}/`,
  deliberationNotice: (id: number) => `/deliberations/${id}/notice/`,
  fund: (code: string) => `/charity/${code}/`,
  fundStatement: (code: string, month: string) => `/charity/${code}/${month}/`,
  merchant: (id: number) => `/merchants/#merchant-${id}`,
  organization: (id: number) => `/organizations/${id}/`,
};

export function localized(path: string, locale: 'zh-cn' | 'en'): string {
  return locale === 'en' ? `/en${path}` : path;
}
