using Kinerja.Core.Reference;

namespace Kinerja.Dashboard.Demo;

/// <summary>
/// The fixed demo regions (DOMAIN.md: places the users wrote about) with their units and the name pools
/// their fictional employees are drawn from.
/// </summary>
internal static class DemoCatalog
{
    public sealed record DemoRegion(Region Region, string[] UnitKeys, string[] Surnames);

    public static readonly IReadOnlyList<DemoRegion> Regions =
    [
        new(new Region("pematangsiantar", "Kota Pematangsiantar", "Asia/Jakarta"),
            ["disdik", "dinkes", "disdukcapil", "dishub", "bappeda", "dpmptsp", "dinsos"],
            ["Damanik", "Saragih", "Purba", "Sinaga", "Girsang", "Siregar", "Simanjuntak", "Manurung", "Sitorus", "Napitupulu"]),
        new(new Region("belawan", "Kecamatan Medan Belawan", "Asia/Jakarta"),
            ["disdik", "dinkes", "disdukcapil", "dishub", "dpmptsp", "dinsos"],
            ["Nasution", "Lubis", "Harahap", "Hasibuan", "Siregar", "Tanjung", "Batubara", "Pohan", "Rangkuti", "Daulay"]),
        new(new Region("pauh", "Kecamatan Pauh, Kota Padang", "Asia/Jakarta"),
            ["disdik", "dinkes", "disdukcapil", "bappeda", "dpmptsp"],
            ["Putra", "Syahrial", "Rahmat", "Chaniago", "Piliang", "Koto", "Sikumbang", "Tanjung", "Jambak", "Caniago"]),
        new(new Region("asemrowo", "Kecamatan Asemrowo, Kota Surabaya", "Asia/Jakarta"),
            ["disdik", "dinkes", "disdukcapil", "dishub", "bappeda", "dpmptsp", "dpupr", "dinsos"],
            ["Santoso", "Wijaya", "Susanto", "Prasetyo", "Hidayat", "Setiawan", "Kurniawan", "Wibowo", "Saputra", "Rahayu"]),
        new(new Region("manokwari", "Kabupaten Manokwari", "Asia/Jayapura"),
            ["disdik", "dinkes", "disdukcapil", "dishub", "bappeda", "dpmptsp"],
            ["Mandacan", "Rumbiak", "Wanma", "Kambu", "Rumere", "Mansim", "Indou", "Sayori", "Rumfabe", "Mofu"]),
    ];

    public static readonly IReadOnlyDictionary<string, string> UnitNames = new Dictionary<string, string>
    {
        ["disdik"] = "Dinas Pendidikan",
        ["dinkes"] = "Dinas Kesehatan",
        ["disdukcapil"] = "Dinas Kependudukan dan Pencatatan Sipil",
        ["dishub"] = "Dinas Perhubungan",
        ["bappeda"] = "Badan Perencanaan Pembangunan Daerah",
        ["dpmptsp"] = "Dinas Penanaman Modal dan PTSP",
        ["dpupr"] = "Dinas Pekerjaan Umum dan Penataan Ruang",
        ["dinsos"] = "Dinas Sosial",
    };

    public static readonly string[] MaleNames =
    [
        "Ahmad", "Budi", "Rizky", "Hendra", "Agus", "Dedi", "Fajar", "Andi", "Yusuf", "Bambang", "Joko", "Rudi",
        "Irfan", "Hadi", "Taufik", "Arief", "Benny", "Daniel", "Yohanes", "Markus", "Samuel", "Imam", "Eko", "Teguh",
    ];

    public static readonly string[] FemaleNames =
    [
        "Siti", "Dewi", "Rina", "Sri", "Nur", "Putri", "Fitri", "Lestari", "Wulan", "Ratna", "Maria", "Yuliana",
        "Intan", "Ayu", "Kartika", "Novita", "Ester", "Rosalina", "Indah", "Mega", "Anisa", "Dian", "Lusi", "Yanti",
    ];

    public static readonly string[] StaffPositions =
    [
        "Analis Kebijakan", "Pranata Komputer", "Pengelola Keuangan", "Arsiparis", "Analis Data", "Pengadministrasi Umum",
        "Penyuluh", "Perencana", "Auditor", "Pengelola Layanan", "Verifikator", "Operator Layanan",
    ];

    /// <summary>2026 national holidays (best effort for demo data; real calendars are imported).</summary>
    public static readonly (DateOnly Day, string Name)[] Holidays2026 =
    [
        (new(2026, 1, 1), "Tahun Baru Masehi"), (new(2026, 1, 16), "Isra Mikraj"),
        (new(2026, 2, 17), "Tahun Baru Imlek"), (new(2026, 3, 19), "Hari Suci Nyepi"),
        (new(2026, 3, 20), "Idulfitri"), (new(2026, 3, 21), "Idulfitri"), (new(2026, 4, 3), "Wafat Yesus Kristus"),
        (new(2026, 5, 1), "Hari Buruh"), (new(2026, 5, 14), "Kenaikan Yesus Kristus"),
        (new(2026, 5, 27), "Iduladha"), (new(2026, 5, 31), "Waisak"), (new(2026, 6, 1), "Hari Lahir Pancasila"),
        (new(2026, 6, 16), "Tahun Baru Islam"), (new(2026, 8, 17), "Hari Kemerdekaan RI"),
        (new(2026, 8, 25), "Maulid Nabi"), (new(2026, 12, 25), "Hari Natal"),
    ];
}
