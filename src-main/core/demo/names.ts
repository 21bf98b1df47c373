/**
 * Name pools for the demo district: a Central Valley town, so surnames follow its mix of
 * English-, Spanish-, Chinese-, Tagalog-, Vietnamese- and Korean-speaking households (the
 * languages SB 998 notices are published in). Accents and apostrophes are kept on purpose:
 * search must find "García" when the clerk types "garcia", and "O'Brien" from "obrien".
 */
import type { LanguageCode } from '../../../src-shared/contract/accounts';

export interface NamePool {
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** Chance that a household of this origin asks for notices in the pool's language. */
  ownLanguageShare: number;
}

export const NAME_POOLS: Readonly<Record<LanguageCode, NamePool>> = {
  en: {
    ownLanguageShare: 1,
    firstNames: [
      'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
      'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy',
      'Daniel', 'Lisa', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Donald', 'Ashley', 'Steven',
      'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda',
      'Brian', 'Dorothy', 'George', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie', 'Jason', 'Rebecca',
      'Edward', 'Sharon', 'Jeffrey', 'Laura', 'Ryan', 'Cynthia', 'Jacob', 'Kathleen', 'Gary', 'Amy', 'Nicholas',
      'Angela', 'Eric', 'Shirley', 'Jonathan', 'Anna', 'Dale', 'Brenda', 'Wayne', 'Tammy', 'Russell', 'Darlene',
    ],
    lastNames: [
      'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas',
      'Moore', 'Jackson', 'Martin', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young',
      'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Roberts',
      'Campbell', 'Parker', 'Evans', 'Edwards', 'Collins', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Morgan',
      'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Kelly', 'Howard', 'Ward', 'Cox', 'Richardson', 'Wood', 'Watson',
      'Brooks', 'Bennett', 'Gray', 'Hughes', 'Price', 'Sanders', 'Myers', 'Long', 'Ross', 'Foster', 'Powell', 'Jenkins',
      'Perry', 'Russell', 'Sullivan', 'Fisher', 'Henderson', 'Coleman', 'Simmons', 'Patterson', 'Jordan', 'Reynolds',
      'Hamilton', 'Graham', 'Wallace', "O'Brien", 'McDonald', 'Van Horn', 'Schmidt', 'Olsen', 'Costa', 'Silva',
    ],
  },
  es: {
    ownLanguageShare: 0.35,
    firstNames: [
      'José', 'María', 'Juan', 'Guadalupe', 'Luis', 'Rosa', 'Carlos', 'Ana', 'Jesús', 'Carmen', 'Miguel', 'Elena',
      'Francisco', 'Laura', 'Antonio', 'Sofía', 'Alejandro', 'Gabriela', 'Jorge', 'Verónica', 'Ricardo', 'Adriana',
      'Manuel', 'Patricia', 'Roberto', 'Leticia', 'Fernando', 'Teresa', 'Javier', 'Yolanda', 'Raúl', 'Isabel', 'Pedro',
      'Lucía', 'Arturo', 'Alma', 'Eduardo', 'Silvia', 'Héctor', 'Marisol', 'Ramón', 'Graciela', 'Rafael', 'Esperanza',
    ],
    lastNames: [
      'García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
      'Flores', 'Rivera', 'Gómez', 'Díaz', 'Reyes', 'Morales', 'Cruz', 'Ortiz', 'Gutiérrez', 'Chávez', 'Ramos', 'Ruiz',
      'Álvarez', 'Mendoza', 'Castillo', 'Jiménez', 'Vásquez', 'Romero', 'Herrera', 'Medina', 'Aguilar', 'Vargas',
      'Guzmán', 'Salazar', 'Delgado', 'Contreras', 'Figueroa', 'Cervantes', 'Ochoa', 'Villanueva', 'Navarro', 'Zamora',
      'Espinoza', 'Mejía', 'De la Cruz', 'Garcia', 'Hernandez', 'Lopez', 'Gonzalez', 'Martinez', 'Valenzuela', 'Ibarra',
    ],
  },
  zh: {
    ownLanguageShare: 0.4,
    firstNames: ['Wei', 'Li', 'Min', 'Jun', 'Hui', 'Ying', 'Xiaoming', 'Mei', 'Jian', 'Lin', 'Hong', 'Yan', 'Qiang', 'Fang', 'Tao', 'Lei', 'Jing', 'Ping', 'Yu', 'Kevin', 'Grace'],
    lastNames: ['Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Huang', 'Wu', 'Lin', 'Zhou', 'Yang', 'Xu', 'Lee', 'Chan', 'Wong', 'Ng', 'Lau', 'Cheung', 'Leung', 'Ho', 'Tang'],
  },
  tl: {
    ownLanguageShare: 0.15,
    firstNames: ['Jose', 'Maria', 'Rodrigo', 'Imelda', 'Ferdinand', 'Corazon', 'Marites', 'Jocelyn', 'Rowena', 'Arnel', 'Rommel', 'Lorna', 'Edgardo', 'Marilou', 'Danilo', 'Gemma', 'Reynaldo', 'Leonora', 'Erlinda', 'Bienvenido'],
    lastNames: ['Santos', 'Reyes', 'Cruz', 'Bautista', 'Ocampo', 'Mendoza', 'Dela Cruz', 'Villanueva', 'Aquino', 'Castillo', 'Ramos', 'Navarro', 'Manalo', 'Dizon', 'Pascual', 'Soriano', 'Salvador', 'Mercado', 'Lacson', 'Tolentino'],
  },
  vi: {
    ownLanguageShare: 0.4,
    firstNames: ['Anh', 'Bao', 'Dung', 'Hoa', 'Hung', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'Nam', 'Ngoc', 'Phuong', 'Quang', 'Thanh', 'Thao', 'Trang', 'Tuan', 'Van', 'Vy'],
    lastNames: ['Nguyen', 'Tran', 'Le', 'Pham', 'Hoang', 'Huynh', 'Phan', 'Vu', 'Vo', 'Dang', 'Bui', 'Do', 'Ho', 'Ngo', 'Duong', 'Ly'],
  },
  ko: {
    ownLanguageShare: 0.35,
    firstNames: ['Min-jun', 'Seo-yeon', 'Ji-hoon', 'Ji-woo', 'Hyun-woo', 'Soo-jin', 'Young-ho', 'Eun-ji', 'Sung-min', 'Hye-jin', 'Dong-hyun', 'Mi-kyung', 'Jae-won', 'Yoon-seo'],
    lastNames: ['Kim', 'Lee', 'Park', 'Choi', 'Jung', 'Kang', 'Cho', 'Yoon', 'Jang', 'Lim', 'Han', 'Oh', 'Seo', 'Shin', 'Kwon'],
  },
};

/** Share of households by the origin of their name (roughly a Central Valley town). */
export const ORIGIN_WEIGHTS: Readonly<Record<LanguageCode, number>> = { en: 45, es: 38, zh: 5, tl: 5, vi: 4, ko: 3 };

/** First words of business names: local landmarks and boosterish words. */
export const BUSINESS_PREFIXES = [
  'Valle Verde', 'Valley', 'Sierra', 'Golden State', 'Central Valley', 'Orchard', 'Almond Grove', 'Sunrise', 'Mission',
  'Delta', 'Pioneer', 'Oak Creek', 'Riverbend', 'Harvest', 'Westside', 'Northgate', 'Summit', 'Redwood', 'Blue Oak', 'Sequoia',
] as const;

export const COMMERCIAL_KINDS = [
  'Hardware', 'Market', 'Cafe', 'Auto Repair', 'Dental Group', 'Laundromat', 'Pharmacy', 'Car Wash', 'Veterinary Clinic',
  'Family Restaurant', 'Taqueria', 'Bakery', 'Tire & Brake', 'Self Storage', 'Medical Group', 'Nursery & Garden',
  'Fitness Center', 'Feed & Supply', 'Motel', 'Dry Cleaners', 'Pho House', 'Noodle House', 'Insurance Agency', 'Print Shop',
] as const;

export const LANDLORD_KINDS = ['Property Management', 'Apartments LLC', 'Rentals', 'Investment Properties', 'Realty'] as const;

export const IRRIGATION_OWNERS = [
  'Homeowners Association', 'Community Church', 'Cemetery District', 'Little League', 'Business Park Owners Assn',
] as const;

export const PUBLIC_IRRIGATION_OWNERS = ['Valle Verde Unified School District', 'City of Valle Verde Parks Dept', 'County of San Joaquin Facilities'] as const;

export const STREET_NAMES = [
  'Oak', 'Walnut', 'Almond', 'Olive', 'Cypress', 'Sycamore', 'Magnolia', 'Laurel', 'Willow', 'Cedar', 'Maple', 'Pine',
  'Elm', 'Peach', 'Orange', 'Lemon', 'Pomegranate', 'Fig', 'Apricot', 'Vineyard', 'Orchard', 'Mission', 'Sierra',
  'Yosemite', 'Tuolumne', 'Stanislaus', 'Merced', 'Shasta', 'Tahoe', 'Sequoia', 'Redwood', 'Mariposa', 'Amador',
  'Calaveras', 'El Camino', 'Camino Real', 'Santa Fe', 'San Joaquin', 'Del Rio', 'Los Altos', 'Valencia', 'Monterey',
  'Alameda', 'Pacific', 'Lincoln', 'Washington', 'Jefferson', 'Madison', 'Monroe', 'Grant', 'Roosevelt', 'Kennedy',
  'Main', 'Center', 'Church', 'School', 'Park', 'Lake', 'River', 'Canal', 'Ranch', 'Harvest', 'Meadow', 'Sunset',
  'Sunrise', 'Golden', 'Poppy', 'Lupine', 'Manzanita', 'Juniper', 'Hawthorne', 'Heather', 'Jasmine', 'Rose', 'Camellia',
  'Gardenia', 'Iris', 'Lilac', 'Primrose', 'Bluebird', 'Meadowlark', 'Oriole', 'Quail', 'Heron', 'Pelican', 'Cardinal',
  'Eagle', 'Falcon', 'Hawk', 'Kingfisher', 'Robin', 'Sparrow', 'Swallow', 'Wren', 'Tule', 'Delta', 'Levee', 'Mill',
] as const;

export const STREET_SUFFIXES = ['St', 'Ave', 'Way', 'Dr', 'Ct', 'Ln', 'Rd', 'Blvd', 'Pl', 'Cir'] as const;
/** Second pass of street names once the plain ones are used up (a big district). */
export const STREET_DIRECTIONS = ['', 'N ', 'S ', 'E ', 'W '] as const;

/** Where absentee owners and landlords get their mail. */
export const MAILING_ELSEWHERE = [
  { city: 'Fresno', state: 'CA', zip: '93721' },
  { city: 'Sacramento', state: 'CA', zip: '95814' },
  { city: 'San Jose', state: 'CA', zip: '95113' },
  { city: 'Stockton', state: 'CA', zip: '95202' },
  { city: 'Modesto', state: 'CA', zip: '95354' },
  { city: 'Oakland', state: 'CA', zip: '94612' },
  { city: 'Los Angeles', state: 'CA', zip: '90012' },
  { city: 'Reno', state: 'NV', zip: '89501' },
  { city: 'Portland', state: 'OR', zip: '97204' },
  { city: 'Phoenix', state: 'AZ', zip: '85004' },
] as const;

export const CONTACT_SUBJECTS = [
  'High bill question', 'Move-in: new tenant', 'Payment arrangement request', 'Leak reported at meter', 'Autopay sign-up',
  'Mailing address change', 'Copy of last bill', 'Low water pressure', 'Shut-off notice question', 'Meter box lid broken',
] as const;
