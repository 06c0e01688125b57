namespace Kinerja.Bench.Shared;

/// <summary>The throwaway PostgreSQL data folder a bench server ran on, and its password file beside it.</summary>
public static class ScratchData
{
    /// <summary>Deletes both; what cannot be deleted now (a file still held) is left for the OS's temp cleanup.</summary>
    public static void Delete(string dataDir)
    {
        foreach (var path in new[] { dataDir, dataDir + ".password" })
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                else
                {
                    File.Delete(path);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
