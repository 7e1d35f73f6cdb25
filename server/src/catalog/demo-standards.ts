/**
 * Service standards of the demo mall's services, modelled on the standards that Disdukcapil,
 * Kantor Imigrasi, Samsat, BPJS Kesehatan and DPMPTSP units publish (requirements, procedure,
 * time, fee with legal basis, product, complaints, decree). Version 1 of each.
 */
import type { ServiceStandardInput } from '../../../common/catalog/standard';

const DUKCAPIL_FEE = { amount: 0, variants: [], legalBasis: 'UU No. 24 Tahun 2013 Pasal 79A: pengurusan dan penerbitan dokumen kependudukan tidak dipungut biaya', note: null };
const DUKCAPIL_COMPLAINT =
  'Meja pengaduan MPP Kota Demo; SP4N-LAPOR! (lapor.go.id, SMS 1708); WhatsApp Disdukcapil Kota Demo 0812-0000-1234; kotak saran di loket.';
const DUKCAPIL_SK = { skNumber: '470/012/Disdukcapil/2025', skDate: '2025-01-06' };

const r = (code: string, name: string, mandatory: boolean, form: ServiceStandardInput['requirements'][number]['form'], notes: string | null = null) => ({
  code,
  name,
  mandatory,
  form,
  notes,
});

export const DEMO_STANDARDS: Readonly<Record<string, ServiceStandardInput>> = {
  'sv-dukcapil-kk': {
    requirements: [
      r('F101', 'Formulir Biodata Keluarga (F-1.01)', true, 'asli', 'Diisi dan ditandatangani kepala keluarga.'),
      r('KK-LAMA', 'Kartu Keluarga lama', true, 'asli', 'Untuk perubahan data atau penambahan/pengurangan anggota; keluarga baru: KK orang tua.'),
      r('NIKAH', 'Buku nikah / kutipan akta perkawinan atau akta perceraian', true, 'fotokopi', 'Tunjukkan aslinya; bila perkawinan belum tercatat: SPTJM kebenaran perkawinan.'),
      r('SKPWNI', 'Surat Keterangan Pindah (SKPWNI)', false, 'asli', 'Hanya bila pemohon pindah datang dari daerah lain.'),
      r('SPTJM', 'Surat Pernyataan Tanggung Jawab Mutlak (SPTJM)', false, 'asli', 'Bila dokumen perkawinan tidak ada.'),
    ],
    procedure: [
      'Pemohon mengambil nomor antrian dan menunggu panggilan.',
      'Petugas memeriksa kelengkapan dan keabsahan berkas.',
      'Berkas lengkap: petugas mencatat permohonan dan menyerahkan tanda terima.',
      'Verifikasi dan validasi data pada SIAK Terpusat, penandatanganan elektronik.',
      'KK dicetak dan diserahkan kepada pemohon dengan menunjukkan tanda terima.',
    ],
    completionTime: { value: 1, unit: 'working_days' },
    fee: DUKCAPIL_FEE,
    product: 'Kartu Keluarga (KK) dengan tanda tangan elektronik',
    complaintChannel: DUKCAPIL_COMPLAINT,
    ...DUKCAPIL_SK,
  },
  'sv-dukcapil-ktp-el': {
    requirements: [
      r('KK', 'Kartu Keluarga', true, 'fotokopi'),
      r('KTP-LAMA', 'KTP-el lama (rusak / perubahan data)', false, 'asli', 'Untuk penggantian karena rusak atau perubahan elemen data.'),
      r('LAPOR-HILANG', 'Surat keterangan kehilangan dari Kepolisian', false, 'asli', 'Untuk penggantian karena hilang.'),
    ],
    procedure: ['Pemeriksaan berkas dan data perekaman biometrik.', 'Pencetakan KTP-el.', 'Penyerahan KTP-el kepada pemohon.'],
    completionTime: { value: 1, unit: 'hours' },
    fee: DUKCAPIL_FEE,
    product: 'Kartu Tanda Penduduk elektronik (KTP-el)',
    complaintChannel: DUKCAPIL_COMPLAINT,
    ...DUKCAPIL_SK,
  },
  'sv-dukcapil-akta-lahir': {
    requirements: [
      r('F201', 'Formulir Pelaporan Pencatatan Sipil (F-2.01)', true, 'asli'),
      r('SKL', 'Surat keterangan kelahiran dari rumah sakit, puskesmas, bidan atau kelurahan', true, 'asli'),
      r('NIKAH-ORTU', 'Buku nikah / akta perkawinan orang tua', true, 'fotokopi', 'Bila tidak ada: SPTJM kebenaran sebagai pasangan suami istri.'),
      r('KK', 'Kartu Keluarga', true, 'fotokopi'),
    ],
    procedure: ['Pemeriksaan berkas.', 'Pencatatan kelahiran pada SIAK.', 'Penerbitan kutipan akta kelahiran dengan TTE.'],
    completionTime: { value: 1, unit: 'working_days' },
    fee: DUKCAPIL_FEE,
    product: 'Kutipan Akta Kelahiran',
    complaintChannel: DUKCAPIL_COMPLAINT,
    ...DUKCAPIL_SK,
  },
  'sv-dukcapil-akta-mati': {
    requirements: [
      r('F201', 'Formulir Pelaporan Pencatatan Sipil (F-2.01)', true, 'asli'),
      r('SKM', 'Surat keterangan kematian dari rumah sakit atau kelurahan', true, 'asli'),
      r('KK', 'Kartu Keluarga almarhum/almarhumah', true, 'asli'),
      r('KTP-ALM', 'KTP-el almarhum/almarhumah', false, 'asli'),
    ],
    procedure: ['Pemeriksaan berkas.', 'Pencatatan kematian dan pemutakhiran KK.', 'Penerbitan kutipan akta kematian dan KK baru.'],
    completionTime: { value: 1, unit: 'working_days' },
    fee: DUKCAPIL_FEE,
    product: 'Kutipan Akta Kematian dan Kartu Keluarga baru',
    complaintChannel: DUKCAPIL_COMPLAINT,
    ...DUKCAPIL_SK,
  },
  'sv-dukcapil-pindah-datang': {
    requirements: [
      r('SKPWNI', 'Surat Keterangan Pindah (SKPWNI) dari daerah asal', true, 'asli'),
      r('F103', 'Formulir Pendaftaran Perpindahan Penduduk (F-1.03)', true, 'asli'),
      r('KK-TUJUAN', 'Kartu Keluarga tujuan (bila menumpang)', false, 'fotokopi'),
    ],
    procedure: ['Pemeriksaan SKPWNI.', 'Penerbitan KK dan KTP-el alamat baru.'],
    completionTime: { value: 1, unit: 'working_days' },
    fee: DUKCAPIL_FEE,
    product: 'Kartu Keluarga dan KTP-el alamat baru',
    complaintChannel: DUKCAPIL_COMPLAINT,
    ...DUKCAPIL_SK,
  },
  'sv-imigrasi-paspor-baru': {
    requirements: [
      r('KTP', 'KTP-el', true, 'asli'),
      r('KK', 'Kartu Keluarga', true, 'asli'),
      r('IDENTITAS', 'Akta kelahiran, ijazah, buku nikah/akta perkawinan atau surat baptis (salah satu)', true, 'asli', 'Memuat nama, tempat dan tanggal lahir, nama orang tua.'),
      r('GANTI-NAMA', 'Surat penetapan ganti nama dari pejabat berwenang', false, 'asli', 'Bila pernah ganti nama.'),
    ],
    procedure: [
      'Pendaftaran antrian (M-Paspor) dan pemeriksaan berkas.',
      'Pembayaran PNBP melalui bank persepsi.',
      'Wawancara, foto dan sidik jari.',
      'Verifikasi dan adjudikasi, pencetakan paspor.',
      'Pengambilan paspor dengan tanda terima dan bukti bayar.',
    ],
    completionTime: { value: 4, unit: 'working_days' },
    fee: {
      amount: 350_000,
      variants: [
        { label: 'Paspor biasa non-elektronik 48 halaman', amount: 350_000 },
        { label: 'Paspor elektronik 48 halaman', amount: 650_000 },
      ],
      legalBasis: 'PP No. 28 Tahun 2019 tentang Jenis dan Tarif atas Jenis PNBP pada Kementerian Hukum dan HAM',
      note: null,
    },
    product: 'Paspor Republik Indonesia',
    complaintChannel: 'Pengaduan Kantor Imigrasi (WhatsApp 0811-0000-5678, pengaduan.imigrasi.go.id); SP4N-LAPOR! (lapor.go.id).',
    skNumber: 'W.11.IMI.1-UM.01.01-0123',
    skDate: '2025-02-03',
  },
  'sv-imigrasi-paspor-ganti': {
    requirements: [
      r('KTP', 'KTP-el', true, 'asli'),
      r('PASPOR-LAMA', 'Paspor lama', true, 'asli'),
      r('KK', 'Kartu Keluarga', false, 'asli', 'Bila ada perubahan data.'),
    ],
    procedure: ['Pemeriksaan berkas.', 'Pembayaran PNBP.', 'Wawancara dan foto.', 'Pencetakan dan pengambilan paspor.'],
    completionTime: { value: 4, unit: 'working_days' },
    fee: {
      amount: 350_000,
      variants: [
        { label: 'Paspor biasa non-elektronik 48 halaman', amount: 350_000 },
        { label: 'Paspor elektronik 48 halaman', amount: 650_000 },
      ],
      legalBasis: 'PP No. 28 Tahun 2019 tentang Jenis dan Tarif atas Jenis PNBP pada Kementerian Hukum dan HAM',
      note: null,
    },
    product: 'Paspor Republik Indonesia',
    complaintChannel: 'Pengaduan Kantor Imigrasi (WhatsApp 0811-0000-5678, pengaduan.imigrasi.go.id); SP4N-LAPOR! (lapor.go.id).',
    skNumber: 'W.11.IMI.1-UM.01.01-0123',
    skDate: '2025-02-03',
  },
  'sv-samsat-pkb-tahunan': {
    requirements: [r('KTP', 'KTP-el pemilik (sesuai STNK)', true, 'asli'), r('STNK', 'STNK', true, 'asli')],
    procedure: ['Pendaftaran dan penetapan PKB serta SWDKLLJ.', 'Pembayaran di kasir.', 'Pengesahan STNK dan penyerahan notice pajak.'],
    completionTime: { value: 15, unit: 'minutes' },
    fee: {
      amount: 0,
      variants: [],
      legalBasis: 'Perda Provinsi tentang Pajak Daerah (PKB); PMK No. 16/PMK.010/2017 (SWDKLLJ)',
      note: 'Pajak dan SWDKLLJ dibayar sesuai ketetapan per kendaraan; tidak ada biaya layanan.',
    },
    product: 'STNK disahkan dan Surat Ketetapan Pajak Daerah (notice)',
    complaintChannel: 'Pengaduan Samsat (call center 1500-000); SP4N-LAPOR! (lapor.go.id).',
    skNumber: '973/045/Bapenda/2025',
    skDate: '2025-01-15',
  },
  'sv-samsat-bbn': {
    requirements: [
      r('KTP', 'KTP-el pemilik baru', true, 'asli'),
      r('STNK', 'STNK', true, 'asli'),
      r('BPKB', 'BPKB', true, 'asli'),
      r('KWITANSI', 'Kuitansi jual beli bermeterai', true, 'asli'),
      r('CEK-FISIK', 'Hasil cek fisik kendaraan', true, 'asli'),
    ],
    procedure: ['Cek fisik kendaraan.', 'Pemeriksaan berkas dan penetapan BBNKB.', 'Pembayaran.', 'Penerbitan STNK dan TNKB baru.'],
    completionTime: { value: 1, unit: 'working_days' },
    fee: {
      amount: 100_000,
      variants: [
        { label: 'PNBP STNK roda 2/3', amount: 100_000 },
        { label: 'PNBP STNK roda 4 atau lebih', amount: 200_000 },
      ],
      legalBasis: 'PP No. 76 Tahun 2020 tentang Jenis dan Tarif PNBP pada Kepolisian Negara RI; BBNKB sesuai Perda',
      note: 'BBNKB dihitung sesuai ketetapan pajak daerah.',
    },
    product: 'STNK, TNKB dan BPKB atas nama pemilik baru',
    complaintChannel: 'Pengaduan Samsat (call center 1500-000); SP4N-LAPOR! (lapor.go.id).',
    skNumber: '973/045/Bapenda/2025',
    skDate: '2025-01-15',
  },
  'sv-bpjs-kesehatan-daftar': {
    requirements: [
      r('KTP', 'KTP-el', true, 'fotokopi'),
      r('KK', 'Kartu Keluarga', true, 'fotokopi'),
      r('DIP', 'Formulir Daftar Isian Peserta (DIP)', true, 'asli'),
      r('REKENING', 'Buku tabungan (autodebit iuran)', false, 'fotokopi', 'Untuk peserta PBPU/mandiri.'),
    ],
    procedure: ['Pemeriksaan berkas.', 'Pendaftaran pada aplikasi kepesertaan.', 'Penerbitan nomor virtual account dan kartu JKN.'],
    completionTime: { value: 30, unit: 'minutes' },
    fee: { amount: 0, variants: [], legalBasis: 'Perpres No. 82 Tahun 2018 jo. Perpres 59/2024: pendaftaran tidak dipungut biaya', note: 'Iuran bulanan bukan biaya layanan.' },
    product: 'Kartu JKN (KIS) digital dan nomor virtual account',
    complaintChannel: 'BPJS Kesehatan Care Center 165; Pandawa (WhatsApp 0811-8165-165); SP4N-LAPOR!.',
    skNumber: 'PER/12/2025',
    skDate: '2025-01-02',
  },
  'sv-bpjs-kesehatan-ubah-data': {
    requirements: [r('KTP', 'KTP-el', true, 'fotokopi'), r('KK', 'Kartu Keluarga terbaru', true, 'fotokopi'), r('KARTU', 'Kartu JKN-KIS', false, 'asli')],
    procedure: ['Pemeriksaan berkas.', 'Perubahan data pada aplikasi kepesertaan.'],
    completionTime: { value: 15, unit: 'minutes' },
    fee: { amount: 0, variants: [], legalBasis: 'Perpres No. 82 Tahun 2018: perubahan data tidak dipungut biaya', note: null },
    product: 'Data peserta JKN yang diperbarui',
    complaintChannel: 'BPJS Kesehatan Care Center 165; Pandawa (WhatsApp 0811-8165-165); SP4N-LAPOR!.',
    skNumber: 'PER/12/2025',
    skDate: '2025-01-02',
  },
  'sv-dpmptsp-nib': {
    requirements: [
      r('KTP', 'KTP-el pelaku usaha', true, 'asli'),
      r('NPWP', 'NPWP (NIK bagi orang pribadi)', true, 'elektronik'),
      r('AKTA', 'Akta pendirian dan SK Kemenkumham (badan usaha)', false, 'fotokopi', 'Hanya untuk badan usaha.'),
    ],
    procedure: ['Pendampingan pembuatan akun OSS RBA.', 'Pengisian data usaha dan KBLI.', 'Penerbitan NIB oleh sistem OSS.'],
    completionTime: { value: 1, unit: 'hours' },
    fee: { amount: 0, variants: [], legalBasis: 'PP No. 28 Tahun 2025 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko: penerbitan NIB tidak dipungut biaya', note: null },
    product: 'Nomor Induk Berusaha (NIB)',
    complaintChannel: 'Helpdesk DPMPTSP Kota Demo; Layanan OSS (kontak.oss.go.id); SP4N-LAPOR!.',
    skNumber: '503/021/DPMPTSP/2025',
    skDate: '2025-01-20',
  },
  'sv-dpmptsp-pbg': {
    requirements: [
      r('KTP', 'KTP-el pemohon', true, 'fotokopi'),
      r('TANAH', 'Bukti kepemilikan hak atas tanah', true, 'fotokopi'),
      r('RENCANA-TEKNIS', 'Dokumen rencana teknis (arsitektur, struktur, utilitas)', true, 'elektronik'),
      r('KRK', 'Keterangan Rencana Kota / KKPR', true, 'fotokopi'),
    ],
    procedure: ['Permohonan melalui SIMBG.', 'Konsultasi dengan Tim Profesi Ahli.', 'Penetapan retribusi dan pembayaran.', 'Penerbitan PBG.'],
    completionTime: { value: 28, unit: 'working_days' },
    fee: {
      amount: 0,
      variants: [],
      legalBasis: 'UU No. 1 Tahun 2022 dan Perda Kota Demo tentang Pajak Daerah dan Retribusi Daerah',
      note: 'Retribusi PBG dihitung per bangunan sesuai Perda.',
    },
    product: 'Persetujuan Bangunan Gedung (PBG)',
    complaintChannel: 'Helpdesk DPMPTSP Kota Demo; SP4N-LAPOR! (lapor.go.id).',
    skNumber: '503/021/DPMPTSP/2025',
    skDate: '2025-01-20',
  },
};
