package dev.livediffusion.live;

import dev.livediffusion.generation.FirstFrame;
import dev.livediffusion.generation.ImagePipeline;
import dev.livediffusion.generation.InitImages;
import dev.livediffusion.generation.VideoModel;
import dev.livediffusion.prompt.PromptPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** The first message of every connection: the models this server runs and the limits in force now. */
@ApplicationScoped
class LiveHello {

    @Inject
    ImagePipeline pipeline;
    @Inject
    VideoModel videoModel;
    @Inject
    LiveSettings settings;
    @Inject
    PromptPolicy policy;

    void greet(LiveSession session) {
        session.sendHello(new ServerMessages.Hello(models(),
                new ServerMessages.Limits(policy.maxChars(), settings.maxMessageBytes(),
                        settings.messagesPerSecond(), settings.maxConnections(), PromptPolicy.MAX_SEED,
                        ClientMessage.MAX_SEQ, InitImages.MAX_BYTES),
                session.memory().seed()));
    }

    private List<ServerMessages.Model> models() {
        List<ServerMessages.Model> models = new ArrayList<>();
        models.add(ServerMessages.Model.image(pipeline.info()));
        videoModel.pipeline().ifPresent(video -> models.add(new ServerMessages.Model(video.info().name(), "video",
                video.info().maxTokens(), video.frameRate(), settings.maxVideoFrames(),
                videoModel.firstFrames().stream().map(FirstFrame::protocolName).toList(), null, null, video.contract(),
                video.sectionFrames(), ServerMessages.Setting.of(video.settings()))));
        return models;
    }
}
