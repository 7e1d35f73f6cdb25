/**
 * The nine SKM elements (unsur) of PermenPANRB No. 14 Tahun 2017, with the questionnaire's
 * questions and answer wording (answer n = score n). Keyed by ID, never by position: the
 * regulation's definition list and its sample questionnaire order U8 and U9 differently.
 * The app ships this copy; tests compare it with the shared reference data.
 */
export const SKM_ELEMENT_IDS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type SkmElementId = (typeof SKM_ELEMENT_IDS)[number];

export const SKM_SOURCE = 'PermenPANRB No. 14 Tahun 2017';

export interface SkmElement {
  id: SkmElementId;
  name: string;
  /** Our translation, for the second locale. */
  nameEn: string;
  question: string;
  /** Wording of scores 1, 2, 3 and 4. */
  answers: readonly [string, string, string, string];
}

export const SKM_ELEMENTS: Readonly<Record<SkmElementId, SkmElement>> = {
  U1: {
    id: 'U1',
    name: 'Persyaratan',
    nameEn: 'Requirements',
    question:
      'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  },
  U2: {
    id: 'U2',
    name: 'Sistem, Mekanisme, dan Prosedur',
    nameEn: 'Systems, mechanisms and procedures',
    question:
      'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    answers: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
  },
  U3: {
    id: 'U3',
    name: 'Waktu Penyelesaian',
    nameEn: 'Completion time',
    question:
      'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    answers: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
  },
  U4: {
    id: 'U4',
    name: 'Biaya/Tarif',
    nameEn: 'Cost/tariff',
    question:
      'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    answers: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
  },
  U5: {
    id: 'U5',
    name: 'Produk Spesifikasi Jenis Pelayanan',
    nameEn: 'Service product specification',
    question:
      'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  },
  U6: {
    id: 'U6',
    name: 'Kompetensi Pelaksana',
    nameEn: 'Officer competence',
    question:
      'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    answers: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
  },
  U7: {
    id: 'U7',
    name: 'Perilaku Pelaksana',
    nameEn: 'Officer conduct',
    question:
      'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    answers: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
  },
  U8: {
    id: 'U8',
    name: 'Sarana dan Prasarana',
    nameEn: 'Facilities and infrastructure',
    question:
      'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    answers: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
  },
  U9: {
    id: 'U9',
    name: 'Penanganan Pengaduan, Saran dan Masukan',
    nameEn: 'Handling of complaints, suggestions and feedback',
    question:
      'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    answers: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
  },
};
