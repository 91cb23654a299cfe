package dev.livediffusion.gallery;

/** A change without the gallery's edit token (answered 403). */
public class EditRefusedException extends RuntimeException {

    public EditRefusedException() {
        super("this needs the gallery's edit token (X-Edit-Token header or the creator's cookie)", null, false, false);
    }
}
