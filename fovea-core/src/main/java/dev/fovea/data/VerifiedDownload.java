package dev.fovea.data;

import dev.fovea.FoveaException;
import dev.fovea.io.AtomicFiles;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads one file over HTTP and moves it into place only once its checksum matches.
 *
 * <p>The body goes to a temporary file in the target's directory, so the final rename is atomic
 * and a crash or a bad download never leaves a file under the real name; what a killed download
 * leaves is named as {@link AtomicFiles} names its temporary files, and the next download of the
 * same file deletes it. The whole transfer has a
 * deadline, so a stalled server cannot hang the caller.
 */
final class VerifiedDownload {
    private static final System.Logger LOG = System.getLogger(VerifiedDownload.class.getName());

    private final HttpClient client;
    private final Duration timeout;

    VerifiedDownload(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.timeout = timeout;
    }

    /**
     * Fetches {@code url} to {@code target}.
     *
     * @throws FoveaException naming the URL and what went wrong; nothing is left at {@code target}
     */
    void fetch(URI url, Path target, Checksum expected) {
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = AtomicFiles.temporaryFileFor(target);
            LOG.log(Level.INFO, "Downloading {0} to {1}", url, target);
            int status = send(url, temp);
            if (status != 200) {
                throw new FoveaException(url + ": HTTP status " + status + ", expected 200");
            }
            Checksum actual = Checksum.of(expected.algorithm(), temp);
            if (!actual.equals(expected)) {
                throw new FoveaException(url + ": " + expected.algorithm().displayName() + " of the download is "
                        + actual.hex() + ", expected " + expected.hex() + "; the download was discarded");
            }
            AtomicFiles.moveIntoPlace(temp, target);
            LOG.log(Level.INFO, "Downloaded {0} ({1} bytes)", target, Files.size(target));
        } catch (IOException e) {
            throw new FoveaException(url + ": cannot save to " + target + ": " + e, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private int send(URI url, Path temp) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<Path>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofFile(temp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE));
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new FoveaException(url + ": no complete response within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new FoveaException(url + ": " + describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new FoveaException(url + ": download interrupted", e);
        }
    }

    /** "Type: message" of a failure, following causes while the HTTP client leaves messages empty. */
    private static String describe(Throwable t) {
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        if (t.getMessage() != null || t.getCause() == null) {
            return text;
        }
        return text + " (" + describe(t.getCause()) + ")";
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete temporary file {0}: {1}", temp, e);
        }
    }
}
