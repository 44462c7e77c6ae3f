import type { OrganisationKind } from '../organisation.events.js';

export interface HandmadeOrganisation {
  name: string;
  kind: OrganisationKind;
  country: string;
  website: string;
  aliases: string[];
  /** Accounts besides the main one. */
  departments: string[];
}

/**
 * Demo organisations with several accounts, so candidates must tell faculties and departments
 * apart. A name and country that the universities data also has (Waseda, Tokyo, Imperial)
 * adds accounts to that university instead of making a second organisation. (Not Cambridge:
 * under the MiniSearch index the embedded mode once had, each extra account of it lowered the
 * weight of "cambridge", and the prefix "Camb" then ranked Cambrian College and Cambodian names first.)
 */
export const HANDMADE_ORGANISATIONS: readonly HandmadeOrganisation[] = [
  {
    name: 'Waseda University',
    kind: 'education',
    country: 'Japan',
    website: 'http://www.waseda.ac.jp/',
    aliases: ['Waseda Daigaku'],
    departments: ['Faculty of Science and Engineering', 'School of International Liberal Studies', 'Graduate School of Law'],
  },
  {
    name: 'University of Tokyo',
    kind: 'education',
    country: 'Japan',
    website: 'http://www.u-tokyo.ac.jp/',
    aliases: ['Todai', 'Tokyo Daigaku'],
    departments: ['Graduate School of Engineering', 'College of Arts and Sciences'],
  },
  {
    name: 'Imperial College London',
    kind: 'education',
    country: 'United Kingdom',
    website: 'http://www.imperial.ac.uk/',
    aliases: ['Imperial'],
    departments: ['Department of Computing', 'Business School'],
  },
  {
    name: 'Rakuten Group, Inc.',
    kind: 'employer',
    country: 'Japan',
    website: 'https://global.rakuten.com/corp/',
    aliases: ['Rakuten'],
    departments: ['Human Resources', 'Engineering Recruitment'],
  },
  {
    name: 'Fast Retailing Co., Ltd.',
    kind: 'employer',
    country: 'Japan',
    website: 'https://www.fastretailing.com/',
    aliases: ['Uniqlo'],
    departments: ['Global Recruitment', 'Human Resources'],
  },
  {
    name: 'UK Visas and Immigration',
    kind: 'immigration',
    country: 'United Kingdom',
    website: 'https://www.gov.uk/government/organisations/uk-visas-and-immigration',
    aliases: ['UKVI', 'Home Office Visas'],
    departments: ['Student visas', 'Skilled Worker visas', 'Settlement'],
  },
  {
    name: 'Immigration, Refugees and Citizenship Canada',
    kind: 'immigration',
    country: 'Canada',
    website: 'https://www.canada.ca/en/immigration-refugees-citizenship.html',
    aliases: ['IRCC'],
    departments: ['Study permits', 'Express Entry'],
  },
  {
    name: 'Department of Home Affairs',
    kind: 'immigration',
    country: 'Australia',
    website: 'https://immi.homeaffairs.gov.au/',
    aliases: ['Home Affairs', 'Australian immigration'],
    departments: ['Student visas', 'Skilled migration'],
  },
];
