package io.gatehouse.vcmi.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the pipe handshake packets of section 4: the role is the first {@code (word)} seen;
 * the handshake ends at the first packet, once the role is known, whose text holds a uuid,
 * and that packet's text is the uuid.
 */
final class PipeHandshakeReader {

    enum Step { MORE, DONE, BAD_TEXT }

    private static final Pattern ROLE = Pattern.compile("\\((\\w+)\\)");
    private static final Pattern UUID = Pattern.compile("\\w{8}-\\w{4}-\\w{4}-\\w{4}-\\w{12}", Pattern.UNICODE_CHARACTER_CLASS);

    private String role = "";
    private String uuid = "";

    Step accept(byte[] packet) {
        Matcher r = ROLE.matcher(new String(packet, StandardCharsets.ISO_8859_1));
        if (r.find()) {
            role = r.group(1);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(packet)).toString();
        } catch (CharacterCodingException e) {
            return Step.BAD_TEXT;
        }
        if (!text.isEmpty() && !role.isEmpty() && UUID.matcher(text).find()) {
            uuid = text;
            return Step.DONE;
        }
        return Step.MORE;
    }

    String role() {
        return role;
    }

    String uuid() {
        return uuid;
    }
}
